/**
 * Whether a process with this id runs, for telling what a crashed process left (a lock, a staging folder) from what
 * a live one is using. One of another user counts as live: it cannot be signalled (EPERM), but it is there. A process
 * id reused since the crash reads as live, so its leftovers wait for a later look: the safe side.
 */
export function processIsLive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

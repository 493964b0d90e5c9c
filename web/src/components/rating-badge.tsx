/** A rating as a badge: colour and text, so it reads without colour too. */
export function RatingBadge({ rating }: { rating: string | null }) {
  if (rating === null) return <span class="badge badge-none">—</span>;
  return <span class={`badge badge-${rating.toLowerCase()}`}>{rating}</span>;
}

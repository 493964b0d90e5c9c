/** The engine version recorded in every result envelope: the package's own version. */
import packageJson from '../../package.json' with { type: 'json' };

export const ENGINE_VERSION: string = packageJson.version;

/** Version of the Jiance command line (kept equal to packages/cli/package.json by a test). */
export const version = '0.1.0';

import { existsSync } from "node:fs";

/** Where install.sh puts the config, and where the unit's ExecStart reads it. */
export const SYSTEM_CONFIG = "/etc/trace-station/config.yaml";

/**
 * The config file a command uses: `--config`, else `TRACE_STATION_CONFIG`, else the installed
 * /etc/trace-station/config.yaml when it exists, else none (the embedded defaults). Without
 * this, `trace-station doctor` on an installed box silently checked the defaults, not the
 * station's config.
 */
export function configFileFor(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): string | undefined {
  if (explicit) return explicit;
  if (env.TRACE_STATION_CONFIG) return env.TRACE_STATION_CONFIG;
  return exists(SYSTEM_CONFIG) ? SYSTEM_CONFIG : undefined;
}

import { statfs } from "node:fs/promises";

export interface DiskSpace {
  /** Bytes an unprivileged process may still write (statfs f_bavail × f_bsize). */
  freeBytes: number;
  totalBytes: number;
}

/** Reads the free space of the filesystem holding `dir`; injected so tests can simulate a full disk. */
export type DiskProbe = (dir: string) => Promise<DiskSpace>;

export const statfsProbe: DiskProbe = async (dir) => {
  const s = await statfs(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
};

export const MB = 1024 * 1024;

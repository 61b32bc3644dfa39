/**
 * File operations that survive a power cut: data is fsynced before it is renamed into place, and
 * the directory is fsynced after, so a name never points at a file whose bytes were lost.
 */
import fs from 'node:fs';
import path from 'node:path';

export async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.promises.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const durableFs = {
  fsyncPath,

  fsyncDir: (dir: string) => fsyncPath(dir),

  /** Rename and make the rename itself durable. */
  async rename(from: string, to: string): Promise<void> {
    await fs.promises.rename(from, to);
    await fsyncPath(path.dirname(to));
    if (path.dirname(from) !== path.dirname(to)) await fsyncPath(path.dirname(from));
  },

  /** Write a whole file under a temporary name, fsync it, rename it in. */
  async writeFile(target: string, content: string): Promise<void> {
    await durableFs.writeFileWith(target, async (handle) => {
      await handle.writeFile(content);
    });
  },

  /** writeFile() for content written piece by piece: `write` fills the temporary file. */
  async writeFileWith(target: string, write: (handle: fs.promises.FileHandle) => Promise<void>): Promise<void> {
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
    try {
      const handle = await fs.promises.open(temp, 'w');
      try {
        await write(handle);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // A full disk leaves a partial temp file: remove it, or it keeps the space the retry needs.
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    await durableFs.rename(temp, target);
  },

  /** Delete if present (a second owner or a replay may have deleted it already). */
  async removeIfPresent(target: string): Promise<void> {
    await fs.promises.rm(target, { force: true });
  },
};

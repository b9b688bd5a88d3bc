import { readFile } from 'node:fs/promises';

/** Resident set size of a process, bytes, from /proc/<pid>/status (VmRSS). */
export async function readRssBytes(pid: number): Promise<number> {
  const status = await readProc(pid, 'status');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status (has the process exited?)`);
  return Number(match[1]) * 1024;
}

// USER_HZ is 100 on every Linux architecture Node runs on; /proc reports CPU time in these ticks.
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time the process has used so far (user + system), seconds, from /proc/<pid>/stat. */
export async function readCpuSeconds(pid: number): Promise<number> {
  const stat = await readProc(pid, 'stat');
  // The command name (field 2) may hold spaces and parentheses; fields are counted after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`could not read CPU times from /proc/${pid}/stat`);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** The soft limit on open files the process actually runs with. */
export async function readOpenFileLimit(pid: number): Promise<number> {
  const limits = await readProc(pid, 'limits');
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
  if (!match) throw new Error(`no "Max open files" in /proc/${pid}/limits`);
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

async function readProc(pid: number, file: string): Promise<string> {
  try {
    return await readFile(`/proc/${pid}/${file}`, 'utf8');
  } catch (error) {
    throw new Error(`could not read /proc/${pid}/${file}`, { cause: error });
  }
}

// Child processes in tests: wait for a line a spawned program prints (e.g. `adsplice start`'s
// "listening on …"), failing with its last output if it exits or stays silent too long.
import type { ChildProcess } from 'node:child_process';

export function waitForOutput(child: ChildProcess, re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${re} within ${timeoutMs} ms:\n${text.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = re.exec(text);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`adsplice exited with ${code}:\n${text.slice(-2000)}`)));
  });
}

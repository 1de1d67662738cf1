/**
 * Shows batch progress on the terminal (stderr, so stdout stays for the summary):
 *  - on a TTY, one cli-progress bar per stage (校验 validate, 编号 number, 排版 render, 名册 outputs)
 *    with counts and ETA;
 *  - otherwise (CI logs, redirected output) plain lines: when a stage starts, at most every few
 *    seconds while it runs (count, rate, ETA), and when it ends.
 */
import cliProgress from 'cli-progress';
import type { BatchStage, ProgressEvent, ProgressListener } from './progress.js';

const LABEL: Record<BatchStage, string> = {
  validate: '校验 validate',
  number: '编号 number  ',
  render: '排版 render  ',
  outputs: '名册 outputs ',
};

export interface TerminalProgress {
  readonly listener: ProgressListener;
  stop(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, opts: { intervalMs?: number } = {}): TerminalProgress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream, opts.intervalMs ?? 5_000);
}

function barProgress(stream: NodeJS.WriteStream): TerminalProgress {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: '{stage} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted} | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<BatchStage, cliProgress.SingleBar>();
  const finished = new Set<BatchStage>();
  let stopped = false;
  return {
    listener(e: ProgressEvent) {
      if (stopped || finished.has(e.stage)) return;
      let bar = bars.get(e.stage);
      if (!bar) {
        bar = multi.create(Math.max(1, e.total), 0, { stage: LABEL[e.stage] });
        bars.set(e.stage, bar);
      }
      bar.setTotal(Math.max(1, e.total));
      bar.update(e.done, { stage: LABEL[e.stage] });
      if (e.total > 0 && e.done >= e.total) {
        finished.add(e.stage);
        bar.stop(); // freezes its elapsed time at the stage's own duration
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multi.stop();
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream, intervalMs: number): TerminalProgress {
  const started = new Map<BatchStage, number>();
  let lastLine = 0;
  const fmt = (s: number): string => (s < 60 ? `${s.toFixed(0)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);
  return {
    listener(e: ProgressEvent) {
      const now = Date.now();
      if (!started.has(e.stage)) {
        started.set(e.stage, now);
        stream.write(`${LABEL[e.stage].trim()}: ${e.total > 0 ? `${e.done}/${e.total}` : '…'}\n`);
        lastLine = now;
        return;
      }
      const complete = e.done >= e.total;
      if (!complete && now - lastLine < intervalMs) return;
      lastLine = now;
      const secs = (now - started.get(e.stage)!) / 1000;
      const rate = secs > 0 ? e.done / secs : 0;
      const eta = !complete && rate > 0 ? `, ETA ${fmt((e.total - e.done) / rate)}` : '';
      stream.write(`${LABEL[e.stage].trim()}: ${e.done}/${e.total} (${fmt(secs)}${rate > 0 ? `, ${rate.toFixed(1)}/s` : ''}${eta})${e.detail ? ` ${e.detail}` : ''}\n`);
    },
    stop() {},
  };
}

/**
 * A one-line progress display on standard error. The CLI attaches it only when standard
 * error is a terminal and no machine-readable format or --quiet was asked for.
 */
const DELAY_MS = 1000;
const INTERVAL_MS = 200;

export class ProgressLine {
  private bytes = 0;
  private filesDone = 0;
  private filesTotal = 0;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.timer = setTimeout(() => {
      this.timer = setInterval(() => this.draw(), INTERVAL_MS);
      this.timer.unref();
      this.draw();
    }, DELAY_MS);
    this.timer.unref();
  }

  addBytes(bytes: number): void {
    this.bytes += bytes;
  }

  fileStarted(total: number): void {
    this.filesTotal = total;
  }

  fileDone(): void {
    this.filesDone++;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.shown) this.stream.write('\r\x1b[2K');
  }

  private draw(): void {
    this.shown = true;
    const seconds = (Date.now() - this.started) / 1000;
    const mb = this.bytes / 1e6;
    this.stream.write(
      `\r\x1b[2Kaamlog: ${this.filesDone}/${this.filesTotal} files, ${mb.toFixed(1)} MB, ${(mb / seconds).toFixed(1)} MB/s`,
    );
  }
}

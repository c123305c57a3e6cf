// The camera, page side (getUserMedia needs the page; a worker cannot open it): shows the stream in a <video>
// and grabs single frames as JPEG files' bytes, so recorded frames go down the same path as picked files
// (decode.ts) and are stored like them. Each way opening can fail gets a message saying what to do.

export type WebcamProblem = 'denied' | 'no-camera' | 'in-use' | 'insecure' | 'failed';

export class WebcamError extends Error {
  override name = 'WebcamError';
  constructor(readonly problem: WebcamProblem, message: string) {
    super(message);
  }
}

const MESSAGES: Record<Exclude<WebcamProblem, 'failed'>, string> = {
  denied: "The browser was refused the camera: allow it in the address bar's site settings, then try again",
  'no-camera': 'No camera was found: plug one in (or switch it on in the system settings), then try again',
  'in-use': 'The camera is in use by another program or tab, or the system blocked it: close that, then try again',
  insecure: 'The camera is only offered to pages served over https (or from localhost): open this page that way',
};

/** JPEG at this quality is about a tenth of a PNG's size, and the frames are shrunk to 64 px or less anyway. */
const JPEG_QUALITY = 0.9;
const FIRST_FRAME_MS = 10_000;

export class Webcam {
  private constructor(private readonly video: HTMLVideoElement, private readonly stream: MediaStream) {}

  /** Asks for the camera and plays it in `video`; throws WebcamError with a message for the user. */
  static async open(video: HTMLVideoElement): Promise<Webcam> {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw new WebcamError('insecure', MESSAGES.insecure);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }, audio: false });
    } catch (e) {
      throw explain(e);
    }
    const webcam = new Webcam(video, stream);
    try {
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      await video.play();
      await firstFrame(video);
    } catch (e) {
      webcam.close();
      throw e instanceof WebcamError ? e : new WebcamError('failed', `The camera opened but shows nothing (${(e as Error).message}): try again`);
    }
    return webcam;
  }

  /** The frame showing now, as a JPEG file's bytes. */
  async grab(): Promise<Uint8Array> {
    const { videoWidth: width, videoHeight: height } = this.video;
    if (!width || !height) throw new WebcamError('failed', 'The camera shows no picture right now: wait a moment, or close and open it again');
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new WebcamError('failed', 'This browser gives no 2D canvas to copy camera frames with');
    context.drawImage(this.video, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    return new Uint8Array(await blob.arrayBuffer());
  }

  /**
   * Grabs frames one after another, at most `perSecond` of them, handing each to `onFrame`, until stop() (as when
   * a held Record button is let go). stop() resolves once the loop has ended, with how many frames were handed
   * over; no frame is handed over after stop() is called.
   */
  record(onFrame: (bytes: Uint8Array) => void, perSecond = 10): { stop: () => Promise<number> } {
    let stopped = false;
    let frames = 0;
    const loop = (async () => {
      while (!stopped) {
        const started = performance.now();
        const bytes = await this.grab();
        if (stopped) break;
        onFrame(bytes);
        frames++;
        const rest = 1000 / perSecond - (performance.now() - started);
        if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      }
      return frames;
    })();
    return { stop: () => ((stopped = true), loop) };
  }

  /** Stops the camera (its light goes off) and empties the video element. */
  close(): void {
    for (const track of this.stream.getTracks()) track.stop();
    if (this.video.srcObject === this.stream) this.video.srcObject = null;
  }
}

function explain(e: unknown): WebcamError {
  const name = (e as DOMException)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return new WebcamError('denied', MESSAGES.denied);
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new WebcamError('no-camera', MESSAGES['no-camera']);
  if (name === 'NotReadableError' || name === 'AbortError') return new WebcamError('in-use', MESSAGES['in-use']);
  return new WebcamError('failed', `The camera could not be opened (${(e as Error)?.message ?? e}): try again`);
}

/** Resolves once the video has a frame to copy, or fails after a bound instead of waiting forever. */
function firstFrame(video: HTMLVideoElement): Promise<void> {
  if (video.videoWidth > 0 && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new WebcamError('failed', 'The camera opened but sent no picture within 10 s: close other programs using it and try again')), FIRST_FRAME_MS);
    video.addEventListener('loadeddata', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

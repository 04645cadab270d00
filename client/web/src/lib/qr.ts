// The join QR code as an <img> drawn by the server (GET /qr.svg, libqrencode):
// no external service, and the picture is cached like any image. Only public
// texts go in (the join link with #code=), never a token.
import { h } from './dom';

export function qrUrl(text: string): string {
  return `/qr.svg?text=${encodeURIComponent(text)}`;
}

export function qrImg(text: string, size = 200, id = ''): HTMLImageElement {
  const img = h('img', { class: 'qr', width: size, height: size, alt: 'QR code', src: qrUrl(text) });
  if (id) img.id = id;
  return img;
}

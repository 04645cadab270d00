// Helpers of the tablet browser tests: a facilitator command sent over a real
// WebSocket from a page, with the few protobuf fields it needs encoded by hand
// (Node 18 has no WebSocket and the generated code is TypeScript).

function varint(n) {
  const out = [];
  let v = BigInt(n);
  while (v >= 0x80n) {
    out.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function bytesField(field, bytes) {
  return [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
}

function stringField(field, s) {
  return bytesField(field, [...new TextEncoder().encode(s)]);
}

function intField(field, n) {
  return [...varint(field << 3), ...varint(n)];
}

function clientMessage(commandId, bodyField, body) {
  return [...stringField(1, commandId), ...bytesField(bodyField, body)];
}

// atelier.v1.Synergy: kind 2, card_ids 3, company_ids 4, title 7.
function synergy({ kind = 0, cardIds = [], companyIds = [], title = '' }) {
  return [
    ...(kind ? intField(2, kind) : []),
    ...cardIds.flatMap((id) => stringField(3, id)),
    ...companyIds.flatMap((id) => stringField(4, id)),
    ...(title ? stringField(7, title) : []),
  ];
}

// Joins with the facilitator token from `page`'s origin and sends one
// command; resolves 'ack' or 'error: <code>'.
// `setSynergy`: SetSynergy (ClientMessage field 21); `paused`: UpdateWorkshop
// (field 16) with WorkshopInfo.paused (field 11, optional: written even when false, since an
// absent `paused` leaves the room as it is).
export async function facilitatorCommand(page, token, { setSynergy, paused }) {
  const join = clientMessage(`join-${Date.now()}`, 10, stringField(2, token));
  const command = setSynergy
    ? clientMessage(`syn-${Date.now()}`, 21, bytesField(1, synergy(setSynergy)))
    : clientMessage(`upd-${Date.now()}`, 16, bytesField(1, intField(11, paused ? 1 : 0)));
  return page.evaluate(([join, command]) => new Promise((resolve) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    ws.binaryType = 'arraybuffer';
    const timer = setTimeout(() => { ws.close(); resolve('timeout'); }, 10_000);
    let joined = false;
    let retries = 0;
    ws.onopen = () => ws.send(new Uint8Array(join));
    ws.onmessage = (ev) => {
      const b = new Uint8Array(ev.data);
      // ServerMessage: welcome = field 1, ack = field 3, error = field 4.
      if (!joined && b[0] === 0x0a) {
        joined = true;
        ws.send(new Uint8Array(command));
      } else if (b[0] === 0x22 && b[2] === 0x08 && b[3] === 4 && retries++ < 5) {
        // NOT_JOINED just after the welcome: the server registers the
        // connection right after answering; send again.
        setTimeout(() => ws.send(new Uint8Array(command)), 100);
      } else if (b[0] === 0x1a || b[0] === 0x22) {
        clearTimeout(timer);
        ws.close();
        resolve(b[0] === 0x1a ? 'ack' : `error: ${b[2] === 0x08 ? b[3] : '?'}`);
      }
    };
    ws.onerror = () => { clearTimeout(timer); resolve('network'); };
  }), [join, command]);
}

// Short tones through Web Audio (a gong, a ring), for pages that may not rely on a notification.
// notes: [[start offset in seconds, frequency in Hz], ...]; each sounds for `length` seconds.
export function playTones(context, notes, length, volume) {
  const start = context.currentTime;
  for (const [offset, pitch] of notes) {
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = pitch;
    gain.gain.setValueAtTime(volume, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + length);
    tone.connect(gain).connect(context.destination);
    tone.start(start + offset);
    tone.stop(start + offset + length);
  }
}

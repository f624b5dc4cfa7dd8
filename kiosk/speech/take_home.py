"""Take-home audio: a whole session as one sound file, timed as the app plays it, with its cue list.

Each spoken cue of the timeline (kiosk/core/timeline.py) is placed at its `at`, to the sample. As in
the app, a sentence stops where the next one starts (the player stops one sentence for the next),
and of several cues due at the same moment only the last is said. Silent cues (countdown numbers not
said aloud) leave silence. Sentences are rendered at full volume, through the app's speech cache when
one is given, and the person's volume is applied to the mix.

WAV always. Ogg Vorbis and MP3 through soundfile (libsndfile, whose wheels carry the encoders): no
`ffmpeg` command on a plain Debian machine, and Qt's recorder needs an event loop and a capture session
for what is a file conversion.
"""

from __future__ import annotations

import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy

from kiosk.core.routine import Routine
from kiosk.core.timeline import Cue, Timeline, compile_routine
from kiosk.speech import wav_samples
from kiosk.speech.messages import engine_name
from kiosk.speech.sentence_renderer import SentenceRenderer
from kiosk.speech.voices import RENDER_VOLUME, VoiceInfo, VoiceSettings

TAIL_SECONDS = 1.0                      # silence after the last sentence
COMPRESSED = {".ogg": ("OGG", "VORBIS"), ".mp3": ("MP3", "MPEG_LAYER_III")}
FORMATS = (".wav", *COMPRESSED)
ENCODE_BLOCK = 16384                    # samples per write to the encoder


@dataclass(frozen=True)
class PlacedCue:
    """One spoken cue in the mix: its time in the timeline, the sample it starts at, what is said."""

    at: float
    offset: int
    length: int          # samples of the sentence placed (cut where the next sentence starts)
    text: str
    kind: str
    path: Path           # the sentence's own WAV


@dataclass(frozen=True)
class SessionAudio:
    """The mixed session: float samples (full scale 32768) at `rate`, and where each cue went."""

    samples: numpy.ndarray
    rate: int
    cues: tuple[PlacedCue, ...]
    voice: VoiceInfo
    volume: float

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def spoken_cues(timeline: Timeline) -> list[Cue]:
    """The cues the app says aloud: of those due at the same moment, the last one with words."""
    by_time: dict[float, Cue] = {}
    for cue in timeline.cues:
        if cue.text and cue.text.strip():
            by_time[cue.at] = cue
    return sorted(by_time.values(), key=lambda cue: cue.at)


def read_sentence(path: Path, rate: int | None) -> tuple[numpy.ndarray, int]:
    """A rendered sentence's samples, at `rate` when given (else at its own rate)."""
    with wave.open(str(path), "rb") as sound:
        own = sound.getframerate()
        channels = sound.getnchannels()
        samples = wav_samples.to_array(sound.readframes(sound.getnframes()))
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    wanted = rate or own
    return wav_samples.resample(samples, own, wanted), wanted


def mix_session(timeline: Timeline, renderer: SentenceRenderer, volume: float,
                progress: Callable[[str], None] | None = None) -> SessionAudio:
    """Render every spoken cue and place it at its `at`; `progress` hears one line per exercise."""
    cues = spoken_cues(timeline)
    texts = list(dict.fromkeys(cue.text for cue in cues))
    first_of: dict[str, Cue] = {}
    for cue in cues:
        first_of.setdefault(cue.text, cue)
    titles = {exercise.id: exercise.title for exercise in timeline.routine.exercises}
    order = [exercise.id for exercise in timeline.routine.exercises]
    paths: dict[str, Path] = {}
    groups: list[list[str]] = []            # the sentences in the order said, one batch per exercise
    for text in texts:
        exercise = first_of[text].exercise
        if not groups or first_of[groups[-1][0]].exercise != exercise:
            groups.append([])
        groups[-1].append(text)
    done = 0
    for group in groups:
        exercise = first_of[group[0]].exercise
        if progress and exercise in titles:
            progress(f"{round(100 * done / len(texts)):3d}%  exercise {order.index(exercise) + 1} of "
                     f"{len(order)}: {titles[exercise]}")
        paths.update(renderer.render_many(group))   # a sentence that fails stays out: the app is silent for it, too
        done += len(group)
    if progress:
        progress(f"100%  {len(paths)} of {len(texts)} sentences rendered")

    rate = None
    sentences: dict[str, numpy.ndarray] = {}
    for text, path in paths.items():
        sentences[text], rate = read_sentence(path, rate)
    rate = rate or wav_samples.PLAYER_RATE
    offsets = [round(cue.at * rate) for cue in cues]
    last_end = max((offset + len(sentences.get(cue.text, ())) for offset, cue in zip(offsets, cues)), default=0)
    total = max(last_end, round(timeline.duration * rate)) + round(TAIL_SECONDS * rate)
    mix = numpy.zeros(total)
    placed = []
    for index, (offset, cue) in enumerate(zip(offsets, cues)):
        sound = sentences.get(cue.text)
        if sound is None:
            continue
        end = offsets[index + 1] if index + 1 < len(cues) else total
        piece = sound[: max(0, end - offset)]
        mix[offset: offset + len(piece)] = piece
        placed.append(PlacedCue(cue.at, offset, len(piece), cue.text, cue.kind, paths[cue.text]))
    return SessionAudio(mix * volume, rate, tuple(placed), renderer.voice, volume)


def write_sound(audio: SessionAudio, out: Path) -> None:
    """Write the mix as WAV (16-bit mono PCM), or Ogg Vorbis / MP3 by the file's ending."""
    suffix = out.suffix.lower()
    if suffix in COMPRESSED:
        import soundfile

        kind, subtype = COMPRESSED[suffix]
        samples = numpy.clip(audio.samples / 32768.0, -1.0, 1.0).astype(numpy.float32)
        with soundfile.SoundFile(str(out), "w", audio.rate, 1, format=kind, subtype=subtype) as sound:
            for start in range(0, len(samples), ENCODE_BLOCK):   # one write of a whole session crashes
                sound.write(samples[start:start + ENCODE_BLOCK])  # libsndfile 1.2.2's Vorbis encoder
        return
    with wave.open(str(out), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(audio.rate)
        sound.writeframes(wav_samples.to_bytes(audio.samples))


def cue_list_path(out: Path) -> Path:
    """Where the cue list goes beside the sound file: session.wav -> session.cues.txt."""
    return out.with_name(out.stem + ".cues.txt")


def format_time(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:06.3f}"


def write_cue_list(audio: SessionAudio, title: str, out: Path) -> None:
    """A plain text list beside the sound: one line per spoken cue, its time (mm:ss.sss) and words."""
    lines = [f"# {title}: {format_time(audio.seconds)}, voice {audio.voice.name} ({engine_name(audio.voice.engine)})"]
    lines += [f"{format_time(cue.offset / audio.rate)}\t{cue.text}" for cue in audio.cues]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def take_home_audio(routine: Routine, out: Path, settings: VoiceSettings, cache_dir: Path, *,
                    progress: Callable[[str], None] | None = None,
                    on_notice: Callable[[str], None] | None = None,
                    worker_command: list[str] | None = None) -> SessionAudio:
    """Render `routine`'s whole session into `out` (.wav, .ogg or .mp3) and its cue list beside it.

    Raises NoVoice when no voice can speak. Any Routine will do: a bundled one, or a personal plan's.
    """
    timeline = compile_routine(routine)
    with SentenceRenderer(cache_dir, settings, volume=RENDER_VOLUME, on_notice=on_notice,
                          worker_command=worker_command) as renderer:
        renderer.start()
        audio = mix_session(timeline, renderer, settings.volume, progress)
    write_sound(audio, out)
    write_cue_list(audio, routine.title, cue_list_path(out))
    for path in (out, cue_list_path(out)):
        path.chmod(0o600)                 # what a person's session sounds like is theirs
    return audio

"""The command spotter's per-phrase bars: commands said by Flite voices are heard with the tuned bars, and a bar is what decides."""

from __future__ import annotations

import pytest

from prerequisites import missing as prerequisite_missing

import spoken_commands
import spotter_trials

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def spotter_class():
    missing = spoken_commands.tools_missing()
    if missing is None:
        try:
            import pocketsphinx  # noqa: F401
        except ImportError:
            missing = "pocketsphinx is not installed (pip install -e '.[test]')"
    if missing:
        prerequisite_missing(f"cannot make or decode the commands: {missing}")
    from kiosk.hearing.spotter import CommandSpotter

    return CommandSpotter


def _clip(tmp_path, words, voice="slt"):
    clean = spoken_commands.flite(words, voice, tmp_path)
    return spoken_commands.Clip(words, voice, (0, 1.0), spoken_commands.with_noise(clean, 1), spoken_commands.word_end(clean))


def test_every_phrase_has_its_own_bar_and_the_bar_decides(spotter_class, tmp_path):
    from kiosk.hearing.spotter import PHRASE_CONFIDENCE

    assert set(PHRASE_CONFIDENCE) == set(spotter_trials.PHRASES)
    # "it hurts" stops the session: it needs more than the weakest commands
    assert PHRASE_CONFIDENCE["it hurts"] > min(PHRASE_CONFIDENCE.values())
    for words in ("pause", "it hurts"):
        clip = _clip(tmp_path, words)
        found = spotter_trials.run_clip(spotter_class(spotter_trials.PHRASES, every_phrase=True), clip, 3)
        assert [f[0] for f in found] == [words], found
        confidence, reaction = found[0][1], found[0][2]
        assert 0 < reaction <= spotter_trials.REACTION_S, reaction
        tuned = spotter_trials.run_clip(spotter_class(spotter_trials.PHRASES), clip, 3)
        assert [f[0] for f in tuned] == ([words] if confidence >= PHRASE_CONFIDENCE[words] else [])
        def plain(bar):                        # the plain front end's bar alone
            return spotter_class(spotter_trials.PHRASES, {words: bar}, warps=())
        above = spotter_trials.run_clip(plain(confidence + 0.5), clip, 3)
        below = spotter_trials.run_clip(plain(confidence - 0.5), clip, 3)
        assert above == [] and [f[0] for f in below] == [words]
        # Over the plain bar, the warped front end's bar decides
        for warped_bar, heard in ((-100.0, [words]), (100.0, [])):
            spotter = spotter_class(spotter_trials.PHRASES, {words: confidence + 0.5}, warps=(0.9,),
                                    warped_bars={words: warped_bar})
            found = spotter_trials.run_clip(spotter, clip, 3)
            assert [f[0] for f in found] == heard and all(f[1] != confidence for f in found), found

"""The learned part of attribution: a token tagger trained on PolNeAR and the step that groups its tags
into attributions (cue, source, content) anchored on the dependency parse."""

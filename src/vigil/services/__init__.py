"""Signals behind the issue-7 detectors.

`lexicon` (professional titles, service and offer terms), `trainingdata` + `classifier` (seeded
bilingual generator and the char n-gram model), `credentials` (licence look-ups on a reference date),
`farming` (clickbait, illicit-monetisation and burst signals) and `scenarios` (seeded evaluation
scenarios with ground truth for engagement farming, AI newsrooms and the media bank).
"""

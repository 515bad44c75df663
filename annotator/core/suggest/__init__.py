"""Suggestions (pre-annotation): what is offered to whom, where an accepted span came
from, and the built-in recommenders' pure parts (phrase matching, the tagger's features,
BIO decoding and its evaluation). Nothing here counts as anyone's annotation."""

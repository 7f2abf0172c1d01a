"""One compiled pattern that finds a set of surface forms, leftmost and longest first.

The forms are laid out as a trie and written as one regular expression whose branches
share their prefixes (区长 / 区长助理 / 区政府 -> ``区(?:长(?:助理)?|政府)``). At each position the
engine follows the one branch the next character allows instead of trying every form in
turn, so a scan costs the length of the text times the depth of the trie, not times the
number of forms.

Its matches are those of the plain alternation of the forms sorted longest first: scanning
left to right, the longest form that starts at the leftmost possible position, then on
from its end (no overlaps). In a node the continuations come before the node's own end
(``长(?:助理)?``: the greedy ``?`` tries 助理 first), and the characters of a node's children
differ, so the first match the engine finds at a position is the longest form there.

>>> SurfacePattern(["区长", "区长助理", "副区长"]).pattern.findall("副区长和区长助理")
['副区长', '区长助理']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key of a node that marks a whole form; no child is keyed by the empty string
#: a node of the trie: the next character -> the node after it
_Trie = dict[str, "_Trie"]


class SurfacePattern:
    """The forms and the compiled trie-shaped pattern that finds them."""

    def __init__(self, forms: Iterable[str]) -> None:
        trie: _Trie = {}
        for form in forms:
            if not form:
                raise ValueError("a surface form is empty")
            node = trie
            for char in form:
                node = node.setdefault(char, {})
            node[_END] = {}
        # no forms: a pattern that never matches
        self.pattern = re.compile(_branches(trie) if trie else "(?!)")


def _branches(node: _Trie) -> str:
    """The pattern of the forms below ``node``: its children's continuations, then its own end."""
    alternatives = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char != _END]
    ends_here = _END in node
    if len(alternatives) == 1:
        (only,) = alternatives
        if not ends_here:
            return only
        return (only if len(only) == 1 else f"(?:{only})") + "?"
    if not alternatives:
        return ""
    group = "(?:" + "|".join(alternatives) + ")"
    # a node that is a whole form too: the continuation is optional, and greedy so it is tried first
    return group + "?" if ends_here else group

"""Label and field selectors with apimachinery's grammar and error messages.

parse_labels(text) -> LabelSelector, parse_fields(text, supported) -> FieldSelector; both raise
SelectorError(message) with the message the apiserver puts in its 400 Status.
"""

import re


class SelectorError(Exception):
    pass


# ---------------------------------------------------------------- label selector (labels/selector.go)

SPECIAL = set("=!(),><")
# token kinds
ERR, EOS, CPAR, COMMA, NOTEXIST, DEQ, EQ, GT, ID, IN, LT, NEQ, NOTIN, OPAR = range(14)
SYMBOLS = {")": CPAR, ",": COMMA, "!": NOTEXIST, "==": DEQ, "=": EQ, ">": GT, "in": IN, "<": LT,
           "!=": NEQ, "notin": NOTIN, "(": OPAR}

_NAME_RE = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_DNS1123_SUB_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_NAME_MSG = ("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
             "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
             "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
_VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
              "or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
              "'my_value',  or '12345', regex used for validation is "
              "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")


def _lex(text):
    toks, i, n = [], 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            toks.append((EOS, ""))
            return toks
        ch = text[i]
        if ch in SPECIAL:
            buf = ""
            last = None
            while i < n and text[i] in SPECIAL:
                cand = buf + text[i]
                if cand in SYMBOLS:
                    buf, last = cand, SYMBOLS[cand]
                    i += 1
                else:
                    break
            if last is None:
                toks.append((ERR, "error expected: keyword found '%s'" % ch))
                i += 1
            else:
                toks.append((last, buf))
        else:
            j = i
            while j < n and text[j] not in SPECIAL and text[j] not in " \t\r\n":
                j += 1
            word = text[i:j]
            i = j
            toks.append((SYMBOLS[word], word) if word in ("in", "notin") else (ID, word))


class _Parser:
    def __init__(self, text):
        self.toks = _lex(text)
        self.pos = 0

    def lookahead(self, values):
        tok, lit = self.toks[self.pos]
        if values and tok in (IN, NOTIN):
            tok = ID
        return tok, lit

    def consume(self, values):
        tok, lit = self.lookahead(values)
        if self.pos < len(self.toks) - 1:
            self.pos += 1
        return tok, lit

    def parse(self):
        reqs = []
        while True:
            tok, lit = self.lookahead(True)
            if tok in (ID, NOTEXIST):
                try:
                    r = self.requirement()
                except SelectorError as e:
                    raise SelectorError("unable to parse requirement: %s" % e)
                reqs.append(r)
                t, l = self.consume(True)
                if t == EOS:
                    return reqs
                if t == COMMA:
                    t2, l2 = self.lookahead(True)
                    if t2 not in (ID, NOTEXIST):
                        raise SelectorError("found '%s', expected: identifier after ','" % l2)
                else:
                    raise SelectorError("found '%s', expected: ',' or 'end of string'" % l)
            elif tok == EOS:
                return reqs
            else:
                raise SelectorError("found '%s', expected: !, identifier, or 'end of string'" % lit)

    def requirement(self):
        op = None
        tok, lit = self.consume(True)
        if tok == NOTEXIST:
            op = "!"
            tok, lit = self.consume(True)
        if tok != ID:
            raise SelectorError("found '%s', expected: identifier" % lit)
        _validate_key(lit)
        key = lit
        t, _ = self.lookahead(True)
        if t in (EOS, COMMA):
            return (key, op or "exists", [])
        if op == "!":
            return (key, "!", [])
        tok, lit = self.consume(False)
        ops = {IN: "in", EQ: "=", DEQ: "=", GT: "gt", LT: "lt", NOTIN: "notin", NEQ: "!="}
        if tok not in ops:
            raise SelectorError("found '%s', expected: in, notin, =, ==, !=, gt, lt" % lit)
        op = ops[tok]
        values = self.values() if op in ("in", "notin") else self.exact_value()
        if op in ("gt", "lt"):
            if len(values) != 1 or not re.match(r"^-?\d+$", values[0]):
                raise SelectorError("for 'Gt', 'Lt' operators, the value must be an integer")
        else:
            for v in values:
                _validate_value(v)
        return (key, op, values)

    def exact_value(self):
        tok, _ = self.lookahead(True)
        if tok in (EOS, COMMA):
            return [""]
        tok, lit = self.consume(True)
        if tok == ID:
            return [lit]
        raise SelectorError("found '%s', expected: identifier" % lit)

    def values(self):
        tok, lit = self.consume(True)
        if tok != OPAR:
            raise SelectorError("found '%s' expected: '('" % lit)
        tok, lit = self.lookahead(True)
        if tok in (ID, COMMA):
            vals = self.identifiers()
            tok, lit = self.consume(True)
            if tok != CPAR:
                raise SelectorError("found '%s', expected: ')'" % lit)
            return vals
        if tok == CPAR:
            self.consume(True)
            return [""]
        raise SelectorError("found '%s', expected: ',', ')' or identifier" % lit)

    def identifiers(self):
        vals = []
        while True:
            tok, lit = self.consume(True)
            if tok == ID:
                vals.append(lit)
                t2, l2 = self.lookahead(True)
                if t2 == COMMA:
                    continue
                if t2 == CPAR:
                    return vals
                raise SelectorError("found '%s', expected: ',' or ')'" % l2)
            elif tok == COMMA:
                if not vals:
                    vals.append("")
                t2, _ = self.lookahead(True)
                if t2 == CPAR:
                    vals.append("")
                    return vals
                if t2 == COMMA:
                    self.consume(True)
                    vals.append("")
            else:
                raise SelectorError("found '%s', expected: ',', or identifier" % lit)


def _validate_key(key):
    parts = key.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            raise SelectorError('key: Invalid value: "%s": prefix part must be non-empty' % key)
        if len(prefix) > 253 or not _DNS1123_SUB_RE.match(prefix):
            raise SelectorError(
                'key: Invalid value: "%s": prefix part a lowercase RFC 1123 subdomain must consist of '
                "lower case alphanumeric characters, '-' or '.', and must start and end with an "
                "alphanumeric character (e.g. 'example.com', regex used for validation is "
                "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" % key)
    else:
        raise SelectorError('key: Invalid value: "%s": a qualified name must consist of alphanumeric '
                            "characters, '-', '_' or '.', and must start and end with an alphanumeric "
                            "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                            "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional "
                            "DNS subdomain prefix and '/' (e.g. 'example.com/MyName')" % key)
    if not name:
        raise SelectorError('key: Invalid value: "%s": name part must be non-empty' % key)
    if len(name) > 63:
        raise SelectorError('key: Invalid value: "%s": name part must be no more than 63 characters' % key)
    if not _NAME_RE.match(name):
        raise SelectorError('key: Invalid value: "%s": %s' % (key, _NAME_MSG))


def _validate_value(v):
    if v == "":
        return
    if len(v) > 63:
        raise SelectorError('values[0][%s]: Invalid value: "%s": must be no more than 63 characters' % (v, v))
    if not _NAME_RE.match(v):
        raise SelectorError('values[0]: Invalid value: "%s": %s' % (v, _VALUE_MSG))


class LabelSelector:
    def __init__(self, reqs):
        self.reqs = reqs

    def empty(self):
        return not self.reqs

    def matches(self, labels):
        labels = labels or {}
        for key, op, vals in self.reqs:
            has = key in labels
            val = labels.get(key)
            if op == "exists" and not has:
                return False
            if op == "!" and has:
                return False
            if op in ("=", "in") and (not has or val not in vals):
                return False
            if op in ("!=", "notin") and has and val in vals:
                return False
            if op in ("gt", "lt"):
                if not has or not re.match(r"^-?\d+$", val or ""):
                    return False
                a, b = int(val), int(vals[0])
                if (op == "gt" and not a > b) or (op == "lt" and not a < b):
                    return False
        return True


def parse_labels(text):
    return LabelSelector(_Parser(text or "").parse())


# ---------------------------------------------------------------- field selector (fields/selector.go)

def _split_terms(text):
    terms, cur, i = [], "", 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur += c + text[i + 1]
            i += 2
            continue
        if c == ",":
            terms.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    terms.append(cur)
    return terms


def _unescape(value):
    out, i = "", 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            if i + 1 >= len(value):
                raise SelectorError("invalid field selector: trailing backslash character")
            nxt = value[i + 1]
            if nxt not in "\\,=":
                raise SelectorError("invalid field selector: unrecognized escape sequence \\" + nxt)
            out += nxt
            i += 2
        else:
            out += c
            i += 1
    return out


class FieldSelector:
    def __init__(self, reqs):
        self.reqs = reqs  # (field, op "=" or "!=", value)

    def empty(self):
        return not self.reqs

    def matches(self, fields):
        for field, op, value in self.reqs:
            have = fields.get(field, "")
            if (op == "=" and have != value) or (op == "!=" and have == value):
                return False
        return True


def parse_fields(text, supported):
    """supported: set of field names; unsupported -> 'field label not supported: X' (recording 28)."""
    reqs = []
    if not text:
        return FieldSelector(reqs)
    for term in _split_terms(text):
        if term == "":
            continue
        m = None
        for op in ("!=", "==", "="):
            idx = _find_unescaped(term, op)
            if idx >= 0 and (m is None or idx < m[0]):
                m = (idx, op)
        if m is None:
            raise SelectorError("invalid selector: '%s'; can't understand '%s'" % (text, term))
        idx, op = m
        field, value = term[:idx], _unescape(term[idx + len(op):])
        reqs.append((field, "!=" if op == "!=" else "=", value))
    for field, _, _ in reqs:
        if field not in supported:
            raise SelectorError("field label not supported: %s" % field)
    return FieldSelector(reqs)


def _find_unescaped(term, op):
    i = 0
    while i < len(term):
        if term[i] == "\\":
            i += 2
            continue
        if term.startswith(op, i):
            return i
        i += 1
    return -1

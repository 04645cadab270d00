"""Helpers shared by the make_set.py sources of tests/eval/sets/* and tests/eval/heldout/*.

A set is a fictional workshop: companies, cards, expected synergies (with a strength) and
look-alike negatives (with the reason a facilitator gives). Expected pairs come from clusters:

- sub(topic, ...):   every offer x need of different companies; a collector's service posted
                     as an offer (T(...)) meets every offer of the cluster (offer<->offer);
- mut(topic, ...):   every pair of needs of different companies (mutualisation), and every
                     offer of the service x every need;
- loan(topic, ...):  idle staff offered x needs whose months overlap the offer's (one way);
- pair(a, b, ...):   one pair read by hand across clusters (umbrella cards, functional reuse).

The kind follows the project's set: offer x need between an ESS structure and a company is an
ess_bridge, otherwise a substitution; need x need and shared staff are mutualisation.
Everything is fictional.
"""
import itertools
import json
import os

STRENGTHS = ("strong", "weak")


def O(company, text, **kw): return ("offer", company, text, kw, False)
def N(company, text, **kw): return ("need", company, text, kw, False)
def T(company, text, **kw): return ("offer", company, text, kw, True)  # a taker's service


class Workshop:
    def __init__(self, prefix):
        self.prefix = prefix
        self.companies, self.cards, self.expected, self.negatives = [], [], [], []
        self._seen = set()

    # ------------------------------------------------------------------ companies and cards
    def co(self, cid, name, park, dlat, dlon, naf, headcount, ess=False, siret=""):
        zone, lat, lon = park
        self.companies.append(dict(id=cid, name=name, siret=siret, naf=naf, zone=zone,
                                   lat=round(lat + dlat, 5), lon=round(lon + dlon, 5),
                                   headcount=headcount, ess=ess))

    def ess(self, company):
        return next(c["ess"] for c in self.companies if c["id"] == company)

    def card(self, kind, company, text, **kw):
        assert any(c["id"] == company for c in self.companies), company
        cid = "%s%03d" % (self.prefix, len(self.cards) + 1)
        c = dict(id=cid, company_id=company, kind=kind, text=text)
        c.update(kw)
        self.cards.append(c)
        return cid

    def _get(self, cid):
        return next(c for c in self.cards if c["id"] == cid)

    def company_of(self, cid):
        return self._get(cid)["company_id"]

    def find(self, prefix):
        hits = [c["id"] for c in self.cards if c["text"].startswith(prefix)]
        assert len(hits) == 1, (prefix, hits)
        return hits[0]

    def resolve(self, ref):
        """A card id, or the unique start of a card's text."""
        return ref if any(c["id"] == ref for c in self.cards) else self.find(ref)

    def ids(self, *prefixes):
        return [self.find(p) for p in prefixes]

    # ------------------------------------------------------------------ expected pairs
    def default_kind(self, a, b):
        ka, kb = self._get(a)["kind"], self._get(b)["kind"]
        if ka == "need" and kb == "need":
            return "mutualisation"
        if self.ess(self.company_of(a)) != self.ess(self.company_of(b)):
            return "ess_bridge"
        return "substitution"

    def pair(self, a, b, topic, strength="strong", kind=None):
        assert strength in STRENGTHS
        a, b = self.resolve(a), self.resolve(b)
        if self.company_of(a) == self.company_of(b):
            return
        key = frozenset((a, b))
        assert key not in self._seen, ("pair listed twice", topic, a, b)
        self._seen.add(key)
        self.expected.append(dict(cards=[a, b], kind=kind or self.default_kind(a, b),
                                  strength=strength, topic=topic))

    def _place(self, entries):
        out = []
        for kind, company, text, kw, taker in entries:
            out.append((kind, taker, self.card(kind, company, text, **kw)))
        return out

    def sub(self, topic, *entries, strength="strong"):
        placed = self._place(entries)
        offers = [i for k, t, i in placed if k == "offer" and not t]
        takers = [i for k, t, i in placed if t]
        needs = [i for k, t, i in placed if k == "need"]
        for o in offers:
            for n in needs:
                self.pair(o, n, topic, strength)
            for t in takers:
                self.pair(o, t, topic, strength)
        return [i for _, _, i in placed]

    def mut(self, topic, *entries, strength="strong"):
        placed = self._place(entries)
        needs = [i for k, t, i in placed if k == "need"]
        offers = [i for k, t, i in placed if k == "offer"]
        for a, b in itertools.combinations(needs, 2):
            self.pair(a, b, topic, strength, kind="mutualisation")
        for o in offers:
            for n in needs:
                self.pair(o, n, topic, strength)
        return [i for _, _, i in placed]

    def loan(self, topic, *entries, strength="strong"):
        """Shared staff, one way: an offer of idle staff meets a need in the same months."""
        placed = self._place(entries)
        offers = [i for k, t, i in placed if k == "offer"]
        needs = [i for k, t, i in placed if k == "need"]
        for o in offers:
            for n in needs:
                mo, mn = set(self._get(o).get("months", [])), set(self._get(n).get("months", []))
                if mo and mn and mo & mn:
                    self.pair(o, n, topic, strength, kind="mutualisation")
        return [i for _, _, i in placed]

    def single(self, *entries):
        return [i for _, _, i in self._place(entries)]

    # ------------------------------------------------------------------ negatives
    def neg(self, a, b, why):
        a, b = self.resolve(a), self.resolve(b)
        assert frozenset((a, b)) not in self._seen, ("negative is also expected", a, b, why)
        self.negatives.append(dict(cards=[a, b], why=why))

    # ------------------------------------------------------------------ output
    def write(self, here):
        def dump(name, rows, jsonl):
            with open(os.path.join(here, name), "w", encoding="utf-8") as f:
                if jsonl:
                    for r in rows:
                        f.write(json.dumps(r, ensure_ascii=False) + "\n")
                else:
                    json.dump(rows, f, ensure_ascii=False, indent=1)
                    f.write("\n")
        dump("companies.json", self.companies, False)
        dump("cards.json", self.cards, False)
        dump("expected.jsonl", self.expected, True)
        dump("negatives.jsonl", self.negatives, True)
        tally = {}
        for e in self.expected:
            k = e["kind"] + "/" + e["strength"]
            tally[k] = tally.get(k, 0) + 1
        print(len(self.companies), "companies,", len(self.cards), "cards,", len(self.expected),
              "expected", dict(sorted(tally.items())), len(self.negatives), "negatives")

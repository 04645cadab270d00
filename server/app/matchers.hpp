#pragma once
// The matching engine as the server uses it: the matcher of each live
// workshop, the territory's earlier cards given to it, and the lexicon as the
// catalogue search's synonyms.

#include "server/app/workshop_actor.hpp"
#include "server/store/catalogue.hpp"

namespace atelier::app {

MatcherFactory DefaultMatcherFactory();

// A catalogue row as a read-only candidate: ids qualified by its workshop
// ("<workshop>/<card>"), with the summary a match shows of it.
workshop::EarlierCard EarlierCardOf(const store::EarlierCardRow& row);

// A searched word -> the terms of the lexicon's concepts it names ("fenwick"
// -> "chariot élévateur", ...; "grvs" -> "big bags", ...). Thread-safe.
store::WordExpander LexiconExpander();

}  // namespace atelier::app

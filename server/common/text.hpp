#pragma once

#include <string>
#include <string_view>

namespace atelier::common {

// Lower-cases ASCII and folds the Latin accents, ligatures and typographic signs French text
// carries (é→e, œ→oe, ’→', ²→2, non-breaking spaces→space) so that comparisons ignore how a
// tablet keyboard typed them. Other non-ASCII code points become a space. Pure function.
std::string FoldText(std::string_view utf8);

// True when `a` and `b` are equal once folded and trimmed ("Société" == " societe").
bool FoldedEquals(std::string_view a, std::string_view b);

// True when `utf8` is well-formed UTF-8 as protobuf and browsers require it: no stray
// continuation byte, no truncated sequence, no overlong form, no surrogate, nothing above
// U+10FFFF. A string that passes is safe to store in a protobuf string field.
bool IsValidUtf8(std::string_view utf8);

// Number of characters (Unicode code points) of well-formed UTF-8. Every text limit of the
// protocol (TextLimit) is counted in these units; a browser's maxlength counts UTF-16 units,
// which are never fewer, so what a tablet lets through always fits.
std::size_t CountChars(std::string_view utf8);

// The one way to shorten user text: at most `max_chars` characters, cut between two code
// points, never inside one; when something was cut, `ellipsis` is appended within the limit.
// Malformed input bytes become U+FFFD, so the result is always well-formed UTF-8.
std::string TruncateChars(std::string_view utf8, std::size_t max_chars,
                          std::string_view ellipsis = {});

// French agreement of a count: the singular for 0 and 1 (« 0 atelier tenu », « 1 atelier
// tenu »), the plural from 2 (« 2 ateliers tenus »), as French grammar has it.
std::string_view FrenchPlural(double count, std::string_view singular, std::string_view plural);

// "2026-03-12" -> "12 mars 2026", "2026-03-01" -> "1er mars 2026"; any other text is returned
// as it is (a date typed freely stays readable).
std::string FrenchLongDate(std::string_view iso_date);

}  // namespace atelier::common

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

}  // namespace atelier::common

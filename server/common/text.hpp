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

}  // namespace atelier::common

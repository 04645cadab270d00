#pragma once
// Checks a protocol message against the protocol itself, by reflection: every
// enum field holds a value the .proto declares, every string field is
// well-formed UTF-8. One check for commands as they arrive (whatever the
// client) and for events before they are stored, so that no stored event can
// hold a value a reader would refuse or not understand.

#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>

namespace atelier::workshop {

// Path of the first field that breaks the rules ("update_workshop.workshop.status = 99",
// "card_posted.card.text: UTF-8 invalide"), or nothing when the message is sound.
std::optional<std::string> FindInvalidField(const google::protobuf::Message& message);

// True when `bytes` (the serialization of `event`) parse back and serialize again to the
// same bytes: the round-trip every stored event must survive.
bool RoundTrips(const google::protobuf::Message& event, const std::string& bytes);

// For an event stored before string limits were counted in characters: the same bytes with
// every malformed UTF-8 sequence of its string fields replaced by U+FFFD, or nothing when the
// bytes are not a message of that type at all. Fields are kept as they are otherwise (unknown
// ones included), so the result parses wherever only the UTF-8 of a string was at fault.
std::optional<std::string> RepairUtf8(std::string_view bytes,
                                      const google::protobuf::Descriptor* type);

}  // namespace atelier::workshop

#include "server/workshop/validate.hpp"

#include <memory>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>

#include "server/common/text.hpp"

namespace atelier::workshop {

namespace pb = google::protobuf;

namespace {

std::string Join(const std::string& prefix, const pb::FieldDescriptor* f) {
  return prefix.empty() ? f->name() : prefix + "." + f->name();
}

std::optional<std::string> CheckValue(const pb::Message& m, const pb::FieldDescriptor* f,
                                      int index, const std::string& path) {
  const pb::Reflection* r = m.GetReflection();
  const bool repeated = f->is_repeated();
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const int v = repeated ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      if (!f->enum_type()->FindValueByNumber(v)) return path + " = " + std::to_string(v);
      return std::nullopt;
    }
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      if (f->type() == pb::FieldDescriptor::TYPE_BYTES) return std::nullopt;
      std::string scratch;
      const std::string& s = repeated ? r->GetRepeatedStringReference(m, f, index, &scratch)
                                      : r->GetStringReference(m, f, &scratch);
      if (!common::IsValidUtf8(s)) return path + " : UTF-8 invalide";
      return std::nullopt;
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
      const pb::Message& sub = repeated ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f);
      if (auto inner = FindInvalidField(sub)) return path + "." + *inner;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

constexpr int kMaxDepth = 32;

bool Rewrite(std::string_view bytes, const pb::Descriptor* type, int depth, std::string* out) {
  using pb::internal::WireFormatLite;
  if (depth > kMaxDepth) return false;
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                              static_cast<int>(bytes.size()));
  pb::io::StringOutputStream sink(out);
  pb::io::CodedOutputStream os(&sink);
  for (;;) {
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    const pb::FieldDescriptor* f = type->FindFieldByNumber(WireFormatLite::GetTagFieldNumber(tag));
    if (WireFormatLite::GetTagWireType(tag) != WireFormatLite::WIRETYPE_LENGTH_DELIMITED || !f ||
        (f->type() != pb::FieldDescriptor::TYPE_STRING &&
         f->type() != pb::FieldDescriptor::TYPE_MESSAGE)) {
      if (!WireFormatLite::SkipField(&in, tag, &os)) return false;  // copied as it is
      continue;
    }
    uint32_t length = 0;
    std::string data;
    if (!in.ReadVarint32(&length) || !in.ReadString(&data, static_cast<int>(length))) return false;
    std::string fixed;
    if (f->type() == pb::FieldDescriptor::TYPE_STRING) {
      fixed = common::TruncateChars(data, data.size());  // replaces, never cuts
    } else if (!Rewrite(data, f->message_type(), depth + 1, &fixed)) {
      return false;
    }
    os.WriteTag(tag);
    os.WriteVarint32(static_cast<uint32_t>(fixed.size()));
    os.WriteString(fixed);
  }
  return in.ConsumedEntireMessage() && in.CurrentPosition() == static_cast<int>(bytes.size());
}

}  // namespace

std::optional<std::string> RepairUtf8(std::string_view bytes, const pb::Descriptor* type) {
  std::string out;
  if (!Rewrite(bytes, type, 0, &out)) return std::nullopt;
  return out;
}

std::optional<std::string> FindInvalidField(const pb::Message& message) {
  const pb::Reflection* r = message.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  r->ListFields(message, &fields);  // set fields only: defaults are always valid
  for (const pb::FieldDescriptor* f : fields) {
    const std::string path = Join("", f);
    if (f->is_map()) continue;  // the protocol has no maps
    const int n = f->is_repeated() ? r->FieldSize(message, f) : 1;
    for (int i = 0; i < n; ++i) {
      const std::string at = f->is_repeated() ? path + "[" + std::to_string(i) + "]" : path;
      if (auto bad = CheckValue(message, f, i, at)) return bad;
    }
  }
  return std::nullopt;
}

bool RoundTrips(const pb::Message& event, const std::string& bytes) {
  std::unique_ptr<pb::Message> back(event.New());
  // Parsing refuses what a reader would refuse (malformed UTF-8 in a string field above all);
  // serializing again gives the same bytes when nothing was lost or changed on the way.
  return back->ParseFromString(bytes) && back->SerializeAsString() == bytes;
}

}  // namespace atelier::workshop

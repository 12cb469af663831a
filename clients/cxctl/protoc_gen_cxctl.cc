// protoc-gen-cxctl: a protoc plugin that turns the services of the protos it is given into
// cxctl's command table (cxctl_table.cc, see command_table.h) and completion scripts
// (cxctl.bash, _cxctl). Comments come from the protos' source info, which protoc passes to
// plugins, so the help text is the proto documentation.
//
//   protoc --plugin=protoc-gen-cxctl=PATH --cxctl_out=DIR -I PROTOS cxhub/v1/a.proto ...
//
// All files of one run go into one table.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "clients/cxctl/command_naming.h"
#include "clients/cxctl/comment_summary.h"
#include "clients/cxctl/common_flags.h"
#include "clients/cxctl/completion_script.h"
#include "clients/cxctl/flag_schema.h"
#include "google/protobuf/compiler/code_generator.h"
#include "google/protobuf/compiler/plugin.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/printer.h"
#include "google/protobuf/io/zero_copy_stream.h"
#include "google/protobuf/unknown_field_set.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;
using google::protobuf::SourceLocation;
using google::protobuf::compiler::GeneratorContext;

// A leading comment with the one space after "//" removed from each line, without the final
// line break.
template <typename D>
std::string Comment(const D* descriptor) {
  SourceLocation location;
  if (!descriptor->GetSourceLocation(&location)) return "";
  std::string out;
  size_t start = 0;
  const std::string& raw = location.leading_comments;
  while (start < raw.size()) {
    size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    std::string line = raw.substr(start, end - start);
    if (!line.empty() && line[0] == ' ') line.erase(0, 1);
    if (!out.empty()) out += "\n";
    out += line;
    start = end + 1;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string CppString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n\"\n    \"";
        break;
      case '\t':
        out += "\\t";
        break;
      case '?':
        out += "\\?";  // No trigraphs.
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          snprintf(buffer, sizeof(buffer), "\\%03o", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// "cxhub.v1.Customer" -> "::cxhub::v1::Customer"; nested "a.B.C" -> "::a::B_C".
std::string CppClassName(const Descriptor* message) {
  std::string name = message->name();
  for (const Descriptor* outer = message->containing_type(); outer != nullptr;
       outer = outer->containing_type()) {
    name = outer->name() + "_" + name;
  }
  std::string package = message->file()->package();
  std::string out = "::";
  for (char c : package) {
    if (c == '.') {
      out += "::";
    } else {
      out += c;
    }
  }
  return package.empty() ? out + name : out + "::" + name;
}

std::string PbHeader(const FileDescriptor* file) {
  std::string name = file->name();
  if (name.size() > 6 && name.compare(name.size() - 6, 6, ".proto") == 0) {
    name.resize(name.size() - 6);
  }
  return name + ".pb.h";
}

// Comments of every message, field, enum and enum value of the cxhub protos involved.
class CommentCollector {
 public:
  void AddFile(const FileDescriptor* file) {
    if (!seen_files_.insert(file).second) return;
    for (int i = 0; i < file->dependency_count(); ++i) AddFile(file->dependency(i));
    if (file->package() == "google.protobuf") return;  // Well-known types explain themselves.
    for (int i = 0; i < file->message_type_count(); ++i) AddMessage(file->message_type(i));
    for (int i = 0; i < file->enum_type_count(); ++i) AddEnum(file->enum_type(i));
  }
  std::string Find(const std::string& full_name) const {
    auto it = comments_.find(full_name);
    return it == comments_.end() ? "" : it->second;
  }
  const std::map<std::string, std::string>& all() const { return comments_; }

 private:
  void Add(const std::string& full_name, const std::string& comment) {
    if (!comment.empty()) comments_[full_name] = comment;
  }
  void AddMessage(const Descriptor* message) {
    Add(message->full_name(), Comment(message));
    for (int i = 0; i < message->field_count(); ++i) {
      Add(message->field(i)->full_name(), Comment(message->field(i)));
    }
    for (int i = 0; i < message->nested_type_count(); ++i) AddMessage(message->nested_type(i));
    for (int i = 0; i < message->enum_type_count(); ++i) AddEnum(message->enum_type(i));
  }
  void AddEnum(const EnumDescriptor* enum_type) {
    Add(enum_type->full_name(), Comment(enum_type));
    for (int i = 0; i < enum_type->value_count(); ++i) {
      Add(enum_type->value(i)->full_name(), Comment(enum_type->value(i)));
    }
  }

  std::set<const FileDescriptor*> seen_files_;
  std::map<std::string, std::string> comments_;
};

// The field number of cli.proto's command_group service option.
constexpr int kCommandGroupField = 51510;

// A service's command_group option (cli.proto), empty when unset. The plugin is not linked
// with cxhub's generated options, so the option reaches it as an unknown field.
std::string CommandGroupOption(const ServiceDescriptor* service) {
  const google::protobuf::ServiceOptions& options = service->options();
  const google::protobuf::UnknownFieldSet& unknown =
      options.GetReflection()->GetUnknownFields(options);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const google::protobuf::UnknownField& field = unknown.field(i);
    if (field.number() == kCommandGroupField &&
        field.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      return field.length_delimited();
    }
  }
  return "";
}

struct Command {
  std::string verb;
  const MethodDescriptor* method;
};

struct Group {
  std::string name;
  const ServiceDescriptor* service;
  std::vector<Command> commands;
};

void Write(GeneratorContext* context, const std::string& file_name, const std::string& text) {
  std::unique_ptr<google::protobuf::io::ZeroCopyOutputStream> output(context->Open(file_name));
  google::protobuf::io::Printer printer(output.get(), '$');
  printer.PrintRaw(text);
}

class CxctlGenerator : public google::protobuf::compiler::CodeGenerator {
 public:
  uint64_t GetSupportedFeatures() const override { return FEATURE_PROTO3_OPTIONAL; }

  bool Generate(const FileDescriptor* file, const std::string& parameter, GeneratorContext* context,
                std::string* error) const override {
    return GenerateAll({file}, parameter, context, error);
  }

  bool GenerateAll(const std::vector<const FileDescriptor*>& files, const std::string& parameter,
                   GeneratorContext* context, std::string* error) const override {
    if (!parameter.empty()) {
      *error = "protoc-gen-cxctl takes no parameters, got \"" + parameter + "\"";
      return false;
    }
    CommentCollector comments;
    std::vector<Group> groups;
    std::set<std::string> group_names;
    std::vector<const ServiceDescriptor*> joining;  // Services joining another's group.
    for (const FileDescriptor* file : files) {
      comments.AddFile(file);
      for (int s = 0; s < file->service_count(); ++s) {
        const ServiceDescriptor* service = file->service(s);
        if (!CommandGroupOption(service).empty()) {
          joining.push_back(service);
          continue;
        }
        Group group{GroupName(service->name()), service, {}};
        if (!group_names.insert(group.name).second) {
          *error = service->full_name() + ": command group \"" + group.name +
                   "\" is already taken by another service";
          return false;
        }
        if (!AddCommands(service, group, error)) return false;
        groups.push_back(std::move(group));
      }
    }
    for (const ServiceDescriptor* service : joining) {
      const std::string name = CommandGroupOption(service);
      auto host = std::find_if(groups.begin(), groups.end(),
                               [&](const Group& group) { return group.name == name; });
      if (host == groups.end()) {
        *error = service->full_name() + ": command_group \"" + name + "\" names no group";
        return false;
      }
      if (!AddCommands(service, *host, error)) return false;
    }
    const CommentLookup lookup = [&comments](const std::string& name) {
      return comments.Find(name);
    };
    const std::string bash = BashCompletion(CompletionModel(groups, lookup), CommonModel());
    const std::string zsh = ZshCompletion(CompletionModel(groups, lookup), CommonModel());
    Write(context, "cxctl_table.cc", TableSource(files, groups, comments, bash, zsh));
    Write(context, "cxctl.bash", bash);
    Write(context, "_cxctl", zsh);
    return true;
  }

 private:
  // Adds the methods of `service` to `group`, each verb named after the group's own service
  // (ExplainCustomer in the customers group is "explain").
  static bool AddCommands(const ServiceDescriptor* service, Group& group, std::string* error) {
    std::set<std::string> verbs;
    for (const Command& command : group.commands) verbs.insert(command.verb);
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor* method = service->method(m);
      std::string verb = VerbName(method->name(), group.service->name());
      // Two methods that shorten to the same verb keep their whole names.
      if (!verbs.insert(verb).second) {
        verb = VerbName(method->name(), "");
        if (!verbs.insert(verb).second) {
          *error = method->full_name() + ": duplicate command \"" + verb + "\"";
          return false;
        }
      }
      group.commands.push_back({verb, method});
    }
    return true;
  }

  static std::vector<CompletionFlag> CommonModel() {
    size_t count = 0;
    const CommonFlag* flags = CommonFlags(&count);
    std::vector<CompletionFlag> out;
    for (size_t i = 0; i < count; ++i) {
      CompletionFlag flag{flags[i].name, flags[i].help, flags[i].hint != nullptr, {}};
      for (const char* const* value = flags[i].values; value != nullptr && *value != nullptr;
           ++value) {
        flag.values.push_back(*value);
      }
      out.push_back(std::move(flag));
    }
    return out;
  }

  static std::vector<CompletionGroup> CompletionModel(const std::vector<Group>& groups,
                                                      const CommentLookup& lookup) {
    std::vector<CompletionGroup> out;
    for (const Group& group : groups) {
      CompletionGroup completion{group.name, FirstSentence(Comment(group.service)), {}};
      for (const Command& command : group.commands) {
        CompletionCommand item{command.verb, FirstSentence(Comment(command.method)), {}};
        for (const FlagSpec& flag : RequestFlags(command.method->input_type(), lookup)) {
          CompletionFlag entry{flag.name,
                               FirstSentence(lookup(flag.field()->full_name())),
                               flag.kind != FlagKind::kBool,
                               {}};
          if (flag.kind == FlagKind::kEnum) {
            const EnumDescriptor* type = flag.field()->enum_type();
            for (int i = 0; i < type->value_count(); ++i) {
              if (type->value(i)->number() != 0) entry.values.push_back(type->value(i)->name());
            }
          }
          item.flags.push_back(std::move(entry));
        }
        completion.commands.push_back(std::move(item));
      }
      out.push_back(std::move(completion));
    }
    return out;
  }

  static std::string TableSource(const std::vector<const FileDescriptor*>& files,
                                 const std::vector<Group>& groups, const CommentCollector& comments,
                                 const std::string& bash, const std::string& zsh) {
    std::set<std::string> headers;
    for (const Group& group : groups) {
      for (const Command& command : group.commands) {
        headers.insert(PbHeader(command.method->input_type()->file()));
        headers.insert(PbHeader(command.method->output_type()->file()));
      }
    }
    std::string s;
    s += "// Generated by protoc-gen-cxctl from";
    for (const FileDescriptor* file : files) s += " " + file->name();
    s += ". Do not edit.\n";
    s += "#include \"clients/cxctl/command_table.h\"\n\n";
    for (const std::string& header : headers) s += "#include \"" + header + "\"\n";
    s += "\nnamespace cxhub::cxctl {\nnamespace {\n\n";
    for (size_t g = 0; g < groups.size(); ++g) {
      s += "const MethodSpec kMethods" + std::to_string(g) + "[] = {\n";
      for (const Command& command : groups[g].commands) {
        const MethodDescriptor* method = command.method;
        s += "    {" + CppString(command.verb) + ", " + CppString(method->name()) + ", " +
             CppString("/" + method->service()->full_name() + "/" + method->name()) + ", " +
             CppString(method->input_type()->full_name()) + ", " +
             CppString(method->output_type()->full_name()) + ", " +
             (method->client_streaming() ? "true" : "false") + ", " +
             (method->server_streaming() ? "true" : "false") + ",\n     " +
             CppString(Comment(method)) + ",\n     &" + CppClassName(method->input_type()) +
             "::descriptor, &" + CppClassName(method->output_type()) + "::descriptor},\n";
      }
      s += "};\n\n";
    }
    s += "const ServiceSpec kServices[] = {\n";
    for (size_t g = 0; g < groups.size(); ++g) {
      s += "    {" + CppString(groups[g].name) + ", " + CppString(groups[g].service->full_name()) +
           ",\n     " + CppString(Comment(groups[g].service)) + ",\n     kMethods" +
           std::to_string(g) + ", " + std::to_string(groups[g].commands.size()) + "},\n";
    }
    if (groups.empty()) s += "    {\"\", \"\", \"\", nullptr, 0},\n";
    s += "};\n\n";
    s += "const CommentSpec kComments[] = {\n";
    for (const auto& [name, comment] : comments.all()) {
      s += "    {" + CppString(name) + ", " + CppString(comment) + "},\n";
    }
    if (comments.all().empty()) s += "    {\"\", \"\"},\n";
    s += "};\n\n";
    s += "const char kBash[] = " + CppString(bash) + ";\n\n";
    s += "const char kZsh[] = " + CppString(zsh) + ";\n\n";
    s += "}  // namespace\n\n";
    s += "const CommandTable& GeneratedCommandTable() {\n";
    s += "  static const CommandTable table = {kServices, " + std::to_string(groups.size()) +
         ", kComments, " + std::to_string(comments.all().size()) + ", kBash, kZsh};\n";
    s += "  return table;\n}\n\n}  // namespace cxhub::cxctl\n";
    return s;
  }
};

}  // namespace
}  // namespace cxhub::cxctl

int main(int argc, char* argv[]) {
  cxhub::cxctl::CxctlGenerator generator;
  return google::protobuf::compiler::PluginMain(argc, argv, &generator);
}

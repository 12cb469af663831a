#include "server/api/segment_service.h"

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/api/list_page_bytes.h"
#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/segment_conversion.h"
#include "server/api/segment_validation.h"
#include "server/api/status_mapping.h"

namespace cxhub {
namespace {

// The id of a name that passed validation (0, which no segment has, if it somehow did not).
SegmentId IdOf(const std::string& name) {
  absl::StatusOr<SegmentId> id = ParseSegmentName(name, "name");
  return id.ok() ? *id : 0;
}

grpc::Status Reply(const absl::StatusOr<Segment>& segment, v1::Segment* response) {
  if (!segment.ok()) return ToGrpcStatus(segment.status());
  SegmentToProto(*segment, response);
  return grpc::Status::OK;
}

}  // namespace

grpc::Status SegmentServiceImpl::CreateSegment(grpc::ServerContext* context,
                                               const v1::CreateSegmentRequest* request,
                                               v1::Segment* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(catalog_.Create(SegmentFromProto(request->segment())), response);
}

grpc::Status SegmentServiceImpl::GetSegment(grpc::ServerContext* context,
                                            const v1::GetSegmentRequest* request,
                                            v1::Segment* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(catalog_.Get(IdOf(request->name())), response);
}

grpc::Status SegmentServiceImpl::ListSegments(grpc::ServerContext* context,
                                              const v1::ListSegmentsRequest* request,
                                              v1::ListSegmentsResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<SegmentId> after = DecodeSegmentPageToken(request->page_token());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<SegmentPage> page =
      catalog_.List(*after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->segments, page->has_more, limits_.max_list_page_bytes, response->mutable_segments(),
      SegmentToProto, [](const Segment& last) { return EncodeSegmentPageToken(last.id); }));
  return grpc::Status::OK;
}

grpc::Status SegmentServiceImpl::UpdateSegment(grpc::ServerContext* context,
                                               const v1::UpdateSegmentRequest* request,
                                               v1::Segment* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const Segment given = SegmentFromProto(request->segment());
  SegmentUpdate update;
  for (const std::string& path : request->update_mask().paths()) {
    if (path == "display_name") update.display_name = given.display_name;
    if (path == "description") update.description = given.description;
    if (path == "conditions") update.conditions = given.conditions;
  }
  return Reply(catalog_.Update(IdOf(request->segment().name()), update), response);
}

grpc::Status SegmentServiceImpl::DeleteSegment(grpc::ServerContext* context,
                                               const v1::DeleteSegmentRequest* request,
                                               google::protobuf::Empty* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return ToGrpcStatus(catalog_.Delete(IdOf(request->name())));
}

grpc::Status SegmentServiceImpl::ListSegmentMembers(grpc::ServerContext* context,
                                                    const v1::ListSegmentMembersRequest* request,
                                                    v1::ListSegmentMembersResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const SegmentId segment = IdOf(request->parent());
  absl::StatusOr<CustomerId> after = DecodeSegmentMemberPageToken(request->page_token(), segment);
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<SegmentMemberPage> page =
      catalog_.ListMembers(segment, *after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->members, page->has_more, limits_.max_list_page_bytes, response->mutable_members(),
      [](CustomerId member, std::string* name) { *name = CustomerName(member); },
      [&](CustomerId last) { return EncodeSegmentMemberPageToken(last, segment); }));
  return grpc::Status::OK;
}

grpc::Status SegmentServiceImpl::CountSegmentMembers(grpc::ServerContext* context,
                                                     const v1::CountSegmentMembersRequest* request,
                                                     v1::CountSegmentMembersResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<SegmentId> id = ParseSegmentNameOrEvery(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<std::vector<SegmentMemberCount>> counts =
      catalog_.CountMembers(*id == 0 ? std::nullopt : std::optional<SegmentId>(*id));
  if (!counts.ok()) return ToGrpcStatus(counts.status());
  for (const SegmentMemberCount& count : *counts) {
    v1::SegmentMemberCount* out = response->add_counts();
    out->set_segment(SegmentName(count.segment.id));
    out->set_display_name(count.segment.display_name);
    out->set_members(count.members);
  }
  return grpc::Status::OK;
}

grpc::Status SegmentServiceImpl::GetPersona(grpc::ServerContext* context,
                                            const v1::GetPersonaRequest* request,
                                            v1::Persona* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<Persona> persona = personas_.Get(IdOf(request->name()));
  if (!persona.ok()) return ToGrpcStatus(persona.status());
  PersonaToProto(*persona, response);
  return grpc::Status::OK;
}

}  // namespace cxhub

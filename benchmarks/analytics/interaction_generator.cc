#include "benchmarks/analytics/interaction_generator.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub::bench {

uint64_t Mix(uint64_t n) {
  n += 0x9e3779b97f4a7c15ULL;
  n = (n ^ (n >> 30)) * 0xbf58476d1ce4e5b9ULL;
  n = (n ^ (n >> 27)) * 0x94d049bb133111ebULL;
  return n ^ (n >> 31);
}

namespace {

// A survey score with more high scores than low, as real answers have.
int32_t SkewedScore(uint64_t random, int32_t low, int32_t high) {
  const int32_t range = high - low + 1;
  const int32_t a = static_cast<int32_t>(random % range);
  const int32_t b = static_cast<int32_t>((random >> 16) % range);
  return low + (a > b ? a : b);
}

// What customers write, in the languages complaint themes know, as a support inbox sees it: most
// about late or missing orders, damage, refunds and returns, some thanks and questions.
constexpr const char* kMessageTexts[] = {
    "Hello, my parcel has not arrived yet. Could you look into it, please?",
    "Where is my order? The tracking page still says label created.",
    "The jacket arrived damaged, the zip is broken. I would like a refund.",
    "I want to return the shoes, they are too small. How do I get my money back?",
    "Delivery is late again, this is the third time. Very disappointed.",
    "Thanks, the order arrived yesterday and fits perfectly!",
    "Please cancel my order, I ordered the wrong size by mistake.",
    "Olá, a minha encomenda ainda não chegou. Podem verificar, por favor?",
    "A mochila chegou danificada e quero o reembolso.",
    "A entrega está atrasada há uma semana e ninguém responde aos emails.",
    "Gostaria de trocar o casaco por um tamanho maior.",
    "Hola, mi pedido no ha llegado todavía. ¿Dónde está mi pedido?",
    "El paquete llegó roto y quiero la devolución del dinero.",
    "Quiero cancelar el pedido, el envío tarda demasiado.",
    "Hallo, mein Paket ist immer noch nicht angekommen. Wo ist meine Bestellung?",
    "Die Jacke ist beschädigt angekommen, ich möchte eine Rückerstattung.",
    "Die Lieferung ist verspätet und niemand antwortet auf meine E-Mails.",
    "Bonjour, je n'ai pas reçu ma commande. Où est ma commande ?",
    "Le colis est arrivé endommagé, je demande un remboursement.",
    "La livraison est en retard et le service client ne répond pas.",
};

// What detractors answer to "the main reason for your score".
constexpr const char* kDetractorComments[] = {
    "Late delivery and nobody told me why.",
    "Parcel stuck at the depot for days.",
    "Entrega atrasada e sem resposta do apoio.",
    "El pedido llegó roto.",
    "Lieferung verspätet, keine Antwort vom Kundenservice.",
    "Commande reçue endommagée.",
};

template <size_t kSize>
const char* Pick(const char* const (&texts)[kSize], uint64_t random) {
  return texts[random % kSize];
}

void MakeSurveyAnswer(int64_t n, uint64_t random, Interaction& interaction) {
  Survey survey;
  switch (n % 3) {
    case 0:
      survey.metric = SurveyMetric::kNps;
      survey.score = SkewedScore(random >> 8, 0, 10);
      survey.question = "How likely are you to recommend us to a friend?";
      break;
    case 1:
      survey.metric = SurveyMetric::kCsat;
      survey.score = SkewedScore(random >> 8, 1, 5);
      survey.question = "How satisfied were you with our service?";
      break;
    default:
      survey.metric = SurveyMetric::kCes;
      survey.score = SkewedScore(random >> 8, 1, 7);
      survey.question = "It was easy to get my issue resolved.";
      break;
  }
  if (survey.metric == SurveyMetric::kNps && survey.score <= 6) {
    survey.comment = Pick(kDetractorComments, random >> 24);
  }
  interaction.kind = InteractionKind::kSurveyResponse;
  interaction.survey = survey;
  interaction.body = "Thanks for asking.";
}

}  // namespace

const std::vector<std::string>& GeneratedChannels() {
  static const std::vector<std::string>* const channels =
      new std::vector<std::string>{"email", "chat", "phone", "social", "web"};
  return *channels;
}

absl::Time GeneratedStart() { return absl::FromUnixSeconds(1767225600); }  // 2026-01-01 UTC.

Customer GeneratedCustomer(int64_t n) {
  Customer customer;
  customer.display_name = absl::StrCat("Customer ", n);
  customer.identities = {{IdentityKind::kEmail, absl::StrCat("c", n, "@example.com")},
                         {IdentityKind::kPhone, absl::StrCat("+35191", 1000000 + n)}};
  if (n % 3 == 0) {
    customer.identities.push_back({IdentityKind::kChat, absl::StrCat("chatwoot:", n)});
  }
  return customer;
}

Interaction GeneratedInteraction(int64_t n, int64_t total, const std::vector<CustomerId>& customers,
                                 const std::vector<TouchpointId>& touchpoints) {
  const uint64_t random = Mix(static_cast<uint64_t>(n));
  const int64_t customer = static_cast<int64_t>(random % customers.size());
  const int percent = static_cast<int>((random >> 40) % 100);
  Interaction interaction;
  interaction.customer_id = customers[customer];
  interaction.channel = GeneratedChannels()[(random >> 20) % GeneratedChannels().size()];
  interaction.kind = InteractionKind::kMessage;
  interaction.direction = (random >> 30) % 2 == 0 ? Direction::kInbound : Direction::kOutbound;
  interaction.occur_time = GeneratedStart() + kGeneratedSpan * (static_cast<double>(n) / total) +
                           absl::Seconds(static_cast<int64_t>((random >> 48) % 600));
  // A few messages per customer and month share a thread.
  interaction.thread_id = absl::StrCat("t-", customer, "-", n / (customers.size() * 4));
  interaction.source = "bench";
  interaction.external_id = absl::StrCat("i-", n);
  interaction.subject = absl::StrCat("About order ", n % 100000);
  interaction.body = Pick(kMessageTexts, random >> 12);
  interaction.create_time = interaction.occur_time;
  if (percent < 70) interaction.touchpoint_id = touchpoints[(random >> 8) % touchpoints.size()];
  if (percent < 20) {
    MakeSurveyAnswer(n, random, interaction);
    interaction.touchpoint_id = touchpoints[(random >> 8) % touchpoints.size()];
  } else if (percent < 25) {
    interaction.kind = InteractionKind::kPurchase;
    interaction.channel = "web";
    interaction.body = absl::StrCat("Order ", n);
    // One order in four in US dollars, the rest in euros; 5.00 to 204.99.
    interaction.purchase = Purchase{500 + static_cast<int64_t>((random >> 12) % 20000),
                                    (random >> 4) % 4 == 0 ? "USD" : "EUR", absl::StrCat("NW-", n)};
  } else if (interaction.channel == "phone") {
    interaction.kind = InteractionKind::kCall;
    interaction.duration = absl::Seconds(30 + static_cast<int64_t>(random % 600));
  } else if (interaction.channel == "web") {
    interaction.kind = InteractionKind::kVisit;
  } else if (percent == 99 && interaction.direction == Direction::kInbound) {
    interaction.mentioned_score = MentionedScore{SurveyMetric::kNps, SkewedScore(random, 0, 10), 10,
                                                 "I would give you an 8 out of 10"};
  }
  return interaction;
}

absl::StatusOr<std::vector<CustomerId>> InsertGeneratedCustomers(Store& store, int64_t count,
                                                                 int64_t per_write) {
  std::vector<CustomerId> ids;
  for (int64_t first = 0; first < count; first += per_write) {
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      for (int64_t n = first; n < std::min(count, first + per_write); ++n) {
        CXHUB_ASSIGN_OR_RETURN(CustomerId id, writer.InsertCustomer(GeneratedCustomer(n)));
        ids.push_back(id);
      }
      return absl::OkStatus();
    }));
  }
  return ids;
}

}  // namespace cxhub::bench

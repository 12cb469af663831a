#include "server/storage/sql_param.h"

#include "server/storage/sql_driver.h"

namespace cxhub {

void Param::BindTo(Statement& statement, int position) const {
  switch (kind_) {
    case Kind::kInt:
      statement.BindInt64(position, int_);
      break;
    case Kind::kText:
      statement.BindTextInPlace(position, bytes_);
      break;
    case Kind::kBlob:
      statement.BindBlobInPlace(position, bytes_);
      break;
    case Kind::kNull:
      statement.BindNull(position);
      break;
  }
}

}  // namespace cxhub

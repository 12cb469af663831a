// How many threads the server gives point reads for a store config: none for the embedded store,
// one per read connection of a MySQL store, as the store splits its pool.
#include "server/store_from_config.h"

#include <cstdint>

#include "cxhub/config/v1/config.pb.h"
#include "gtest/gtest.h"
#include "server/storage/mysql_store.h"

namespace cxhub {
namespace {

config::v1::StoreConfig MysqlWithPool(uint32_t pool_size) {
  config::v1::StoreConfig config;
  config.mutable_mysql()->set_pool_size(pool_size);
  return config;
}

TEST(PointReadThreads, NoneForTheEmbeddedStore) {
  config::v1::StoreConfig config;
  config.mutable_sqlite()->set_path("cx.db");
  EXPECT_EQ(PointReadThreads(config), 0);
}

TEST(PointReadThreads, OnePerReadConnectionOfAMysqlPool) {
  EXPECT_EQ(PointReadThreads(MysqlWithPool(8)), 4);
  EXPECT_EQ(PointReadThreads(MysqlWithPool(5)), 3);  // The writers are half, rounded down.
  EXPECT_EQ(PointReadThreads(MysqlWithPool(1)), 1);  // A pool has a writer and a reader at least.
  // No pool_size: the store's default pool.
  EXPECT_EQ(PointReadThreads(MysqlWithPool(0)),
            MysqlReadConnections(MysqlStoreOptions().pool_size));
  EXPECT_EQ(PointReadThreads(MysqlWithPool(0)), 4);
}

}  // namespace
}  // namespace cxhub

// The HTML report as a browser shows it: Debian's Chromium, headless, loads a report built from
// hand-built messages (with the journey map drawn by Graphviz) with no console error, its DOM
// holds the charts and the map, and its screenshot is a PNG of the window's size that is not
// blank.
#include <png.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cxctl/report/child_process.h"
#include "clients/cxctl/report/graphviz_svg.h"
#include "clients/cxctl/report/html_report.h"
#include "clients/cxctl/report/journey_map_dot.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cxctl/report/sample_report_content.h"

namespace cxhub::cxctl {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kChromium[] = "/usr/bin/chromium";
constexpr int kWidth = 1100;
constexpr int kHeight = 1500;

class HtmlReportChromiumTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kChromium)) << kChromium << " is missing: run scripts/install-deps";
    std::string pattern = (fs::path(testing::TempDir()) / "cxctl_chromium_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::string WritePage(const std::string& name, const std::string& html) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << html;
    return path;
  }

  // Runs headless Chromium (as root it needs --no-sandbox) on `page` with `action` flags.
  ChildProcessResult Chromium(const std::string& page, const std::vector<std::string>& action) {
    std::vector<std::string> argv = {kChromium,
                                     "--headless",
                                     "--disable-gpu",
                                     "--no-sandbox",
                                     "--disable-dev-shm-usage",
                                     "--no-first-run",
                                     "--hide-scrollbars",
                                     absl::StrCat("--user-data-dir=", (dir_ / "profile").string()),
                                     "--enable-logging=stderr",
                                     "--v=0"};
    argv.insert(argv.end(), action.begin(), action.end());
    argv.push_back("file://" + page);
    absl::StatusOr<ChildProcessResult> result = RunChildProcess(argv, "");
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : ChildProcessResult();
  }

  fs::path dir_;
};

// The page's console messages and uncaught errors, as Chromium logs them on stderr.
std::vector<std::string> ConsoleLines(const std::string& log) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(log, '\n')) {
    if (absl::StrContains(line, ":CONSOLE") || absl::StrContains(line, "Uncaught")) {
      lines.emplace_back(line);
    }
  }
  return lines;
}

std::string SampleReportHtml() {
  ReportContent content = SampleReportContent();
  absl::StatusOr<std::string> svg = RenderDotAsSvg(JourneyMapDot(*content.journey_map));
  EXPECT_TRUE(svg.ok()) << svg.status();
  if (svg.ok()) content.journey_svg = InlineSvg(*svg);
  return HtmlReport(content);
}

TEST_F(HtmlReportChromiumTest, TheConsoleCheckCatchesAScriptError) {
  const std::string page =
      WritePage("broken.html", "<!DOCTYPE html><p>x</p><script>notDefined();</script>");
  const ChildProcessResult run = Chromium(page, {"--dump-dom"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(ConsoleLines(run.err), testing::Contains(HasSubstr("Uncaught ReferenceError")));
}

TEST_F(HtmlReportChromiumTest, LoadsWithoutConsoleErrorsWithTheChartsInItsDom) {
  const std::string page = WritePage("report.html", SampleReportHtml());
  const ChildProcessResult run = Chromium(page, {"--dump-dom"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(ConsoleLines(run.err), testing::IsEmpty());
  EXPECT_THAT(run.out, HasSubstr("<svg class=\"chart\""));
  EXPECT_THAT(run.out, HasSubstr("<polyline class=\"line\""));
  EXPECT_THAT(run.out, HasSubstr("<rect class=\"bar\""));
  EXPECT_THAT(run.out, HasSubstr("class=\"node\""));  // Graphviz's journey map.
  // The hostile name stayed text: the only element named script is none.
  EXPECT_THAT(run.out, testing::Not(HasSubstr("<script")));
  EXPECT_THAT(run.out, HasSubstr("Order &lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(HtmlReportChromiumTest, ScreenshotIsAPngOfTheWindowAndNotBlank) {
  const std::string page = WritePage("report.html", SampleReportHtml());
  const std::string shot = (dir_ / "report.png").string();
  const ChildProcessResult run = Chromium(
      page,
      {absl::StrCat("--screenshot=", shot), absl::StrCat("--window-size=", kWidth, ",", kHeight)});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(ConsoleLines(run.err), testing::IsEmpty());
  ASSERT_TRUE(fs::exists(shot)) << run.err;

  png_image image = {};
  image.version = PNG_IMAGE_VERSION;
  ASSERT_NE(png_image_begin_read_from_file(&image, shot.c_str()), 0) << image.message;
  EXPECT_EQ(image.width, static_cast<png_uint_32>(kWidth));
  EXPECT_EQ(image.height, static_cast<png_uint_32>(kHeight));
  image.format = PNG_FORMAT_RGB;
  std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
  ASSERT_NE(png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr), 0) << image.message;
  std::set<uint32_t> colours;
  size_t white = 0;
  for (size_t i = 0; i + 2 < pixels.size(); i += 3) {
    colours.insert(pixels[i] << 16 | pixels[i + 1] << 8 | pixels[i + 2]);
    if (pixels[i] == 255 && pixels[i + 1] == 255 && pixels[i + 2] == 255) ++white;
  }
  const size_t total = pixels.size() / 3;
  EXPECT_GT(colours.size(), 20u) << "a blank or one-colour screenshot";
  // Text, tables and charts cover a good part of the page, and the background is white.
  EXPECT_LT(white, total * 97 / 100);
  EXPECT_GT(white, total / 2);
  // The accent colour of the charts' lines and bars is there.
  EXPECT_TRUE(colours.count(0x2f6db5) > 0) << "no chart colour on the screenshot";
}

}  // namespace
}  // namespace cxhub::cxctl

#include "count.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "unicode.h"

namespace tokstudio {
namespace {

// count.ts holds back a piece shorter than this many UTF-16 code units.
constexpr size_t kMaxCarryChars = 1u << 20;
constexpr size_t kBlock = 4u << 20;

/** Where the bytes come from: a file (each reader opens its own handle) or a buffer. */
struct Source {
  std::string path;
  const uint8_t* mem = nullptr;
  uint64_t size = 0;
};

/** Sequential reads of one stretch of a source. */
class Reader {
 public:
  Reader(const Source& src, uint64_t at) : src_(src), at_(at) {
    if (src.mem) return;
    file_ = std::fopen(src.path.c_str(), "rb");
    if (file_ && seek(file_, at) != 0) {
      std::fclose(file_);
      file_ = nullptr;
    }
  }
  ~Reader() {
    if (file_) std::fclose(file_);
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  /** Bytes read, 0 at the end of the source, -1 on an error. */
  long read(uint8_t* dst, size_t n) {
    if (src_.mem) {
      if (at_ >= src_.size) return 0;
      size_t k = static_cast<size_t>(std::min<uint64_t>(n, src_.size - at_));
      std::memcpy(dst, src_.mem + at_, k);
      at_ += k;
      return static_cast<long>(k);
    }
    if (!file_) return -1;
    size_t got = std::fread(dst, 1, n, file_);
    if (got == 0 && std::ferror(file_)) return -1;
    at_ += got;
    return static_cast<long>(got);
  }

 private:
  static int seek(std::FILE* f, uint64_t at) {
#ifdef _WIN32
    return _fseeki64(f, static_cast<__int64>(at), SEEK_SET);
#else
    return fseeko(f, static_cast<off_t>(at), SEEK_SET);
#endif
  }
  const Source& src_;
  uint64_t at_;
  std::FILE* file_ = nullptr;
};

/** The counting state of one stretch of lines. */
struct Chunk {
  uint64_t start = 0, end = 0;
  bool first = false;  // starts the file: may hold a BOM; the carry starts empty for real
  StringCounter pretokens, words;
  uint64_t lines = 0, wordTotal = 0;
  bool sawContent = false;
  std::string carry;
  // A chunk after the first starts with an unknown carry: it keeps its first unit aside (uncounted) and
  // the carry that unit alone leaves, to be checked against the true carry when chunks are joined.
  bool deferFirst = false;
  bool haveFirst = false;
  std::string firstUnit;
  std::string carryAfterFirst;
  CountStatus status = CountStatus::Ok;
  std::string message;
};

class Counter {
 public:
  Counter(const CountOptions& o) : opts_(o) {}

  /** Pieces of `unit` all counted except the held-back last one, which is returned in `carry`. */
  void countUnit(const uint8_t* unit, size_t n, StringCounter* into, std::string& carry) {
    ends_.clear();
    pretokenize(unit, n, opts_.preset, scratch_, ends_);
    carry.clear();
    if (ends_.empty()) return;
    size_t last = ends_.size();
    size_t lastStart = ends_.size() >= 2 ? ends_[ends_.size() - 2] : 0;
    if (utf16Length(unit + lastStart, n - lastStart) < kMaxCarryChars) {
      last--;
      carry.assign(reinterpret_cast<const char*>(unit + lastStart), n - lastStart);
    }
    size_t prev = 0;
    for (size_t i = 0; i < last; i++) {
      if (into) into->add(unit + prev, ends_[i] - prev, 1);
      prev = ends_[i];
    }
  }

  /** One line (without its '\n'), `eol` when a '\n' followed it. */
  bool line(Chunk& c, const uint8_t* p, size_t n, bool eol) {
    if (n > opts_.maxLineBytes / 2) return refuse(c, "a line is too long for the native reader");
    if (std::memchr(p, 0, n) != nullptr) return refuse(c, "NUL byte");
    if (findInvalidUtf8(p, n) >= 0) return refuse(c, "invalid UTF-8");
    c.lines++;
    uint64_t words = countWords(p, n, c.words);
    c.wordTotal += words;
    if (words > 0) c.sawContent = true;  // a code point outside \s is a word
    // Pre-tokens: the carry and the line with its '\n', re-read together.
    unit_.assign(c.carry);
    unit_.append(reinterpret_cast<const char*>(p), n);
    if (eol) unit_.push_back('\n');
    const uint8_t* u = reinterpret_cast<const uint8_t*>(unit_.data());
    if (c.deferFirst && !c.haveFirst) {
      c.haveFirst = true;
      c.firstUnit = unit_;
      countUnit(u, unit_.size(), nullptr, c.carryAfterFirst);
      c.carry = c.carryAfterFirst;
      return true;
    }
    countUnit(u, unit_.size(), &c.pretokens, c.carry);
    return true;
  }

  void run(const Source& src, Chunk& c) {
    std::vector<uint8_t> buf;
    std::string pending;  // an unfinished line
    uint64_t at = c.start;
    Reader reader(src, at);
    bool atFileStart = c.first;
    while (at < c.end) {
      if (opts_.cancel && opts_.cancel->load(std::memory_order_relaxed)) {
        c.status = CountStatus::Cancelled;
        return;
      }
      size_t want = static_cast<size_t>(std::min<uint64_t>(kBlock, c.end - at));
      const uint8_t* p;
      long got;
      if (src.mem) {  // a buffer (a streamed batch): read in place
        p = src.mem + at;
        got = static_cast<long>(want);
      } else {
        buf.resize(want);
        got = reader.read(buf.data(), want);
        p = buf.data();
      }
      if (got <= 0) {
        c.status = CountStatus::IoError;
        c.message = got < 0 ? "cannot be read" : "the file got shorter while it was read";
        return;
      }
      at += static_cast<uint64_t>(got);
      if (opts_.bytesDone) opts_.bytesDone->fetch_add(static_cast<uint64_t>(got), std::memory_order_relaxed);
      size_t n = static_cast<size_t>(got);
      if (atFileStart) {
        atFileStart = false;
        if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
          p += 3;
          n -= 3;
        }
      }
      size_t pos = 0;
      while (pos < n) {
        const uint8_t* nl = static_cast<const uint8_t*>(std::memchr(p + pos, '\n', n - pos));
        if (!nl) {
          pending.append(reinterpret_cast<const char*>(p + pos), n - pos);
          if (pending.size() > opts_.maxLineBytes / 2) {
            refuse(c, "a line is too long for the native reader");
            return;
          }
          break;
        }
        size_t e = static_cast<size_t>(nl - p);
        bool ok;
        if (pending.empty()) {
          ok = line(c, p + pos, e - pos, true);
        } else {
          pending.append(reinterpret_cast<const char*>(p + pos), e - pos);
          ok = line(c, reinterpret_cast<const uint8_t*>(pending.data()), pending.size(), true);
          pending.clear();
        }
        if (!ok) return;
        pos = e + 1;
      }
    }
    if (!pending.empty()) line(c, reinterpret_cast<const uint8_t*>(pending.data()), pending.size(), false);
  }

  bool refuse(Chunk& c, const char* why) {
    c.status = CountStatus::Refused;
    c.message = why;
    return false;
  }

 private:
  const CountOptions& opts_;
  PretokScratch scratch_;
  std::vector<uint32_t> ends_;
  std::string unit_;
};

/** Offset just after the first '\n' at or after `from` (or the size). */
uint64_t nextLineStart(const Source& src, uint64_t from) {
  uint8_t buf[65536];
  uint64_t at = from;
  Reader reader(src, from);
  while (at < src.size) {
    long got = reader.read(buf, sizeof buf);
    if (got <= 0) return src.size;
    const void* nl = std::memchr(buf, '\n', static_cast<size_t>(got));
    if (nl) return at + static_cast<uint64_t>(static_cast<const uint8_t*>(nl) - buf) + 1;
    at += static_cast<uint64_t>(got);
  }
  return src.size;
}

/** Counts `src` as the continuation of `st` (its carry and totals); the last carry stays held back. */
void countStretches(const Source& src, const CountOptions& opts, TextCountState& st) {
  CountResult& res = st.totals;
  if (res.status != CountStatus::Ok || src.size == 0) return;
  // Chunks start at line starts; below a few MB one thread is as fast.
  uint64_t byShare = src.size / std::max<uint64_t>(1, opts.minBytesPerThread);
  unsigned threads = static_cast<unsigned>(std::max<uint64_t>(1, std::min<uint64_t>(opts.threads, byShare)));
  std::vector<uint64_t> starts{0};
  for (unsigned k = 1; k < threads; k++) {
    uint64_t s = nextLineStart(src, src.size * k / threads);
    if (s > starts.back() && s < src.size) starts.push_back(s);
  }
  std::vector<std::unique_ptr<Chunk>> chunks;
  for (size_t k = 0; k < starts.size(); k++) {
    auto c = std::make_unique<Chunk>();
    c->start = starts[k];
    c->end = k + 1 < starts.size() ? starts[k + 1] : src.size;
    c->first = k == 0 && !st.started;
    c->deferFirst = k > 0;
    chunks.push_back(std::move(c));
  }
  st.started = true;
  st.bytes += src.size;
  // The first chunk goes on from the true carry and counts straight into the totals (swapped in and out).
  chunks[0]->carry = std::move(st.carry);
  std::swap(chunks[0]->pretokens, res.pretokens);
  std::swap(chunks[0]->words, res.words);
  {
    std::vector<std::thread> pool;
    for (size_t k = 1; k < chunks.size(); k++) {
      pool.emplace_back([&, k] {
        Counter counter(opts);
        counter.run(src, *chunks[k]);
      });
    }
    Counter counter(opts);
    counter.run(src, *chunks[0]);
    for (auto& t : pool) t.join();
  }
  std::swap(chunks[0]->pretokens, res.pretokens);
  std::swap(chunks[0]->words, res.words);
  for (auto& c : chunks) {
    if (c->status != CountStatus::Ok) {
      res.status = c->status;
      res.message = c->message;
      return;
    }
  }

  // Join in file order. A chunk's own counts hold when its first unit, read after the true carry, leaves
  // the same carry as it did alone; otherwise (rare) the chunk is counted again from the true carry.
  Counter joiner(opts);
  std::string carry = chunks[0]->carry;
  for (size_t k = 0; k < chunks.size(); k++) {
    Chunk* c = chunks[k].get();
    if (k == 0) {  // already in the totals
      res.lines += c->lines;
      res.wordTotal += c->wordTotal;
      st.sawContent = st.sawContent || c->sawContent;
      chunks[k].reset();
      continue;
    }
    if (c->haveFirst) {
      std::string unit = carry + c->firstUnit;  // firstUnit is the line with its '\n' (read with no carry)
      std::string after;
      StringCounter firstCounts;
      joiner.countUnit(reinterpret_cast<const uint8_t*>(unit.data()), unit.size(), &firstCounts, after);
      if (after == c->carryAfterFirst) {
        res.pretokens.addAll(firstCounts);
      } else {
        auto redo = std::make_unique<Chunk>();
        redo->start = c->start;
        redo->end = c->end;
        redo->carry = carry;
        Counter counter(opts);
        counter.run(src, *redo);
        if (redo->status != CountStatus::Ok) {
          res.status = redo->status;
          res.message = redo->message;
          return;
        }
        chunks[k] = std::move(redo);
        c = chunks[k].get();
      }
    }
    res.pretokens.addAll(c->pretokens);
    res.words.addAll(c->words);
    res.lines += c->lines;
    res.wordTotal += c->wordTotal;
    st.sawContent = st.sawContent || c->sawContent;
    carry = std::move(c->carry);
    chunks[k].reset();  // free as we go
  }
  st.carry = std::move(carry);
}

CountResult countSource(const Source& src, const CountOptions& opts) {
  TextCountState st;
  countStretches(src, opts, st);
  finishText(st);
  return std::move(st.totals);
}

}  // namespace

uint64_t countWords(const uint8_t* p, size_t n, StringCounter& words) {
  uint64_t total = 0;
  size_t i = 0, wordStart = 0;
  bool inWord = false;
  while (i < n) {
    uint32_t cp;
    int len = decodeUtf8(p, i, &cp);
    bool space = (uniClass(cp) & kJsSpace) != 0;
    if (!space && !inWord) {
      inWord = true;
      wordStart = i;
    } else if (space && inWord) {
      inWord = false;
      words.add(p + wordStart, i - wordStart, 1);
      total++;
    }
    i += len;
  }
  if (inWord) {
    words.add(p + wordStart, n - wordStart, 1);
    total++;
  }
  return total;
}

void countTextPiece(TextCountState& st, const uint8_t* data, size_t n, const CountOptions& opts) {
  Source src;
  src.mem = data;
  src.size = n;
  countStretches(src, opts, st);
}

void finishText(TextCountState& st) {
  CountResult& res = st.totals;
  if (res.status != CountStatus::Ok) return;
  if (st.bytes == 0) {
    res.status = CountStatus::Refused;
    res.message = "empty";
    return;
  }
  if (!st.carry.empty()) res.pretokens.add(reinterpret_cast<const uint8_t*>(st.carry.data()), st.carry.size(), 1);
  st.carry.clear();
  if (!st.sawContent) {
    res.status = CountStatus::Refused;
    res.message = "no text";
  }
}

CountResult countTextFile(const std::string& path, const CountOptions& opts) {
  CountResult res;
  std::error_code ec;
  std::filesystem::path fsPath = std::filesystem::u8path(path);
  if (!std::filesystem::is_regular_file(fsPath, ec)) {
    res.status = CountStatus::IoError;
    res.message = "not a regular file";
    return res;
  }
  uint64_t size = std::filesystem::file_size(fsPath, ec);
  if (ec) {
    res.status = CountStatus::IoError;
    res.message = ec.message();
    return res;
  }
  Source src;
  src.path = path;
  src.size = size;
  return countSource(src, opts);
}

CountResult countTextBuffer(const uint8_t* data, size_t n, const CountOptions& opts) {
  Source src;
  src.mem = data;
  src.size = n;
  return countSource(src, opts);
}

}  // namespace tokstudio

// Reads an RSS feed with podcast-partytime, Podcast Index's own parser,
// and prints what it found as JSON: the Podcasting 2.0 tags by phase
// (pc20support) and the number of items. Run by TestPartytimeReadsEveryTag
// with NODE_PATH pointing at the node_modules that .ci/run installs.
const { parseFeed } = require("podcast-partytime");
const fs = require("fs");
const feed = parseFeed(fs.readFileSync(process.argv[2], "utf8"));
if (!feed) {
  console.error("podcast-partytime could not read the feed");
  process.exit(1);
}
console.log(JSON.stringify({ pc20support: feed.pc20support, items: feed.items.length }));

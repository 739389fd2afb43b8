<?xml version="1.0" encoding="UTF-8"?>
<!--
  Turns feed.xml into a readable page when someone opens the feed's address
  in a browser. Podcast apps ignore it. podfeed copies this file as it is; a
  show may replace it with templates/feed.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  exclude-result-prefixes="atom itunes">
<xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href"/>

<xsl:template match="/">
<html lang="{/rss/channel/language}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="color-scheme" content="light dark"/>
<title><xsl:value-of select="/rss/channel/title"/> (podcast feed)</title>
<style>
:root{--bg:#fff;--fg:#1b1b1f;--muted:#4f4f5a;--accent:#0b57d0;--line:#d9d9e0;--card:#f5f5f8}
@media (prefers-color-scheme:dark){:root{--bg:#121216;--fg:#ececf1;--muted:#b4b4bf;--accent:#8ab4f8;--line:#3a3a44;--card:#1d1d23}}
body{font:1rem/1.55 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0}
.wrap{max-width:46rem;margin:0 auto;padding:1rem}
a{color:var(--accent)}
.note{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin-bottom:1.5rem}
.show{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}
.show img{width:8rem;height:8rem;object-fit:cover;border-radius:.5rem}
.show>div{flex:1 1 16rem}
input{width:100%;box-sizing:border-box;font:inherit;padding:.45rem .6rem;border:1px solid var(--line);border-radius:.4rem;background:var(--bg);color:var(--fg)}
ol{list-style:none;padding:0}
li{border-top:1px solid var(--line);padding:.75rem 0}
.muted{color:var(--muted)}
</style>
</head>
<body>
<div class="wrap">
<div class="note" id="feed-note">
<p><strong>This is a podcast feed.</strong> Copy this address into your podcast app to subscribe:</p>
<label for="feed-url" class="muted">Feed address</label>
<input id="feed-url" readonly="readonly" value="{$self}" onfocus="this.select()"/>
</div>
<xsl:apply-templates select="/rss/channel"/>
</div>
</body>
</html>
</xsl:template>

<xsl:template match="channel">
<div class="show">
<xsl:if test="itunes:image/@href">
<img src="{itunes:image/@href}" alt="Artwork of {title}" width="128" height="128"/>
</xsl:if>
<div>
<h1><xsl:value-of select="title"/></h1>
<p><xsl:value-of select="description"/></p>
<p><a href="{link}">Visit the show's website</a></p>
</div>
</div>
<h2>Episodes</h2>
<ol>
<xsl:for-each select="item">
<li>
<strong><xsl:value-of select="title"/></strong><br/>
<small class="muted"><xsl:value-of select="substring(pubDate, 1, 16)"/>
<xsl:if test="enclosure/@url"> · <a href="{enclosure/@url}">Listen</a></xsl:if></small>
</li>
</xsl:for-each>
</ol>
</xsl:template>
</xsl:stylesheet>

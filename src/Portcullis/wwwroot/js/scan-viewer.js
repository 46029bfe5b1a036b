// The scan viewer: draws a scan's 16-bit frames on a canvas (2D context and a 65536-entry lookup
// table: it works without a GPU, as in headless Chromium with --disable-gpu), with pan, zoom,
// window/level, inversion, a dual-energy material colour map, linked views and an overlay layer.
// Every element with data-scan-viewer becomes a viewer, on first load and after Blazor's enhanced
// navigation. The pixels come from GET /api/v1/scans/{id}/frames/{n} as raw little-endian uint16.

const groups = new Map();

// -ln(v / 65535) for every 16-bit value: attenuation, for the dual-energy ratio.
let attenuation = null;
function attenuationTable() {
  if (attenuation === null) {
    attenuation = new Float32Array(65536);
    for (let v = 0; v < 65536; v++) {
      attenuation[v] = -Math.log(Math.max(v, 1) / 65535);
    }
  }
  return attenuation;
}

// Material colours (display convention: brightness from the high-energy frame multiplies these).
const ORGANIC = [255, 150, 40];
const INORGANIC = [70, 200, 80];
const METAL = [70, 120, 255];

class ScanViewer {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.scanId;
    this.frameCount = Number(root.dataset.frames || "1");
    this.dual = root.dataset.dual === "true";
    this.organicMax = Number(root.dataset.organicMax || "1.2");
    this.inorganicMax = Number(root.dataset.inorganicMax || "1.45");
    this.canvas = root.querySelector("canvas[data-sv-canvas]");
    this.ctx = this.canvas.getContext("2d");
    this.frames = [];
    this.current = this.frameCount - 1;
    this.window = 65536;
    this.level = 32768;
    this.invert = false;
    this.colour = false;
    this.showRegions = true;
    this.showHeatmap = false;
    this.scale = 1;
    this.offsetX = 0;
    this.offsetY = 0;
    this.fitScale = 1;
    this.pending = false;
    this.overlays = this.readOverlays();
    this.group = root.dataset.linkGroup || null;
    if (this.group) {
      if (!groups.has(this.group)) groups.set(this.group, new Set());
      groups.get(this.group).add(this);
    }
    this.bindControls();
    this.load().catch(e => this.status(`The scan could not be loaded: ${e.message}`));
  }

  control(name) { return this.root.querySelector(`[data-sv="${name}"]`); }

  status(text) {
    const s = this.control("status");
    if (s) s.textContent = text;
  }

  readOverlays() {
    const node = this.root.querySelector("script[data-sv-overlays]");
    if (!node) return [];
    try { return JSON.parse(node.textContent) || []; } catch { return []; }
  }

  async load() {
    const t0 = performance.now();
    const wanted = this.dual ? [...Array(this.frameCount).keys()] : [this.current];
    const loaded = await Promise.all(wanted.map(n => this.fetchFrame(n)));
    loaded.forEach((f, i) => { this.frames[wanted[i]] = f; });
    const f = this.frames[this.current];
    this.width = f.width;
    this.height = f.height;
    this.off = document.createElement("canvas");
    this.off.width = this.width;
    this.off.height = this.height;
    this.offCtx = this.off.getContext("2d");
    this.image = this.offCtx.createImageData(this.width, this.height);
    this.out = new Uint32Array(this.image.data.buffer);
    this.resize();
    this.preset(this.root.dataset.preset || "auto");
    this.fit();
    this.root.dataset.loadMs = String(Math.round(performance.now() - t0));
  }

  async fetchFrame(n) {
    const response = await fetch(`/api/v1/scans/${this.id}/frames/${n}`, { credentials: "same-origin" });
    if (!response.ok) {
      let detail = `${response.status}`;
      try { detail = (await response.json()).detail || detail; } catch { /* not a problem body */ }
      throw new Error(detail);
    }
    const width = Number(response.headers.get("X-Scan-Width"));
    const height = Number(response.headers.get("X-Scan-Height"));
    const pixels = new Uint16Array(await response.arrayBuffer());
    if (pixels.length !== width * height) throw new Error(`frame ${n} has ${pixels.length} pixels, not ${width}×${height}`);
    return { width, height, pixels };
  }

  resize() {
    const box = this.canvas.parentElement;
    const width = Math.max(200, box.clientWidth);
    const height = Math.max(200, Math.min(Math.round(width * this.height / this.width) + 40, Math.round(window.innerHeight * 0.62)));
    this.canvas.width = width;
    this.canvas.height = height;
  }

  // Window and level in raw pixel values; the lookup table maps all 65536 values once per change.
  buildLut() {
    const lut = new Uint8ClampedArray(65536);
    const low = this.level - this.window / 2;
    const w = Math.max(this.window, 1);
    for (let v = 0; v < 65536; v++) {
      let g = ((v - low) / w) * 255;
      g = g < 0 ? 0 : g > 255 ? 255 : g;
      lut[v] = this.invert ? 255 - g : g;
    }
    return lut;
  }

  render() {
    const lut = this.buildLut();
    const out = this.out;
    const n = this.width * this.height;
    if (this.colour && this.dual && this.frames.length >= 2) {
      const lo = this.frames[0].pixels, hi = this.frames[1].pixels;
      const mu = attenuationTable();
      const om = this.organicMax, im = this.inorganicMax;
      for (let i = 0; i < n; i++) {
        const h = hi[i];
        const b = lut[h] / 255;
        const muH = mu[h];
        let c;
        if (muH < 0.05) {
          c = null; // nearly air: no material to name
        } else {
          const r = mu[lo[i]] / muH;
          c = r < om ? ORGANIC : r < im ? INORGANIC : METAL;
        }
        if (c === null) {
          const g = lut[h];
          out[i] = 0xff000000 | (g << 16) | (g << 8) | g;
        } else {
          out[i] = 0xff000000 | ((c[2] * b) << 16) | ((c[1] * b) << 8) | (c[0] * b);
        }
      }
    } else {
      const px = this.frames[this.current].pixels;
      const packed = new Uint32Array(65536);
      for (let v = 0; v < 65536; v++) {
        const g = lut[v];
        packed[v] = 0xff000000 | (g << 16) | (g << 8) | g;
      }
      for (let i = 0; i < n; i++) out[i] = packed[px[i]];
    }
    this.offCtx.putImageData(this.image, 0, 0);
    this.syncControls();
    this.draw();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  draw() {
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#202124";
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.scale, 0, 0, this.scale, this.offsetX, this.offsetY);
    ctx.imageSmoothingEnabled = this.scale < 1;
    ctx.drawImage(this.off, 0, 0);
    this.drawOverlays();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    // The view as attributes: what linked views and tests read without reaching into the script.
    this.root.dataset.zoom = (this.scale / this.fitScale).toFixed(2);
    this.root.dataset.window = String(Math.round(this.window));
    this.root.dataset.level = String(Math.round(this.level));
    if (!this.root.dataset.painted) {
      this.root.dataset.painted = "true";
      this.root.dataset.paintedAt = String(Math.round(performance.now()));
    }
  }

  drawOverlays() {
    const ctx = this.ctx;
    for (const overlay of this.overlays) {
      if (this.showHeatmap && overlay.heatmap) this.drawHeatmap(overlay.heatmap);
      if (this.showRegions) {
        ctx.lineWidth = 2 / this.scale;
        ctx.font = `${Math.round(13 / this.scale)}px sans-serif`;
        for (const r of overlay.regions || []) {
          const hot = r.score >= 0.5;
          ctx.strokeStyle = hot ? "#ff1744" : "#ffd600";
          ctx.strokeRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
          const label = `${r.label || r.kind} ${r.score.toFixed(2)}${r.kg != null ? ` · ${r.kg} kg` : ""}`;
          ctx.fillStyle = ctx.strokeStyle;
          ctx.fillText(label, r.x0, Math.max(r.y0 - 4 / this.scale, 12 / this.scale));
        }
      }
    }
  }

  drawHeatmap(h) {
    if (!h.canvas) {
      h.canvas = document.createElement("canvas");
      h.canvas.width = h.columns;
      h.canvas.height = h.rows;
      const c = h.canvas.getContext("2d");
      const img = c.createImageData(h.columns, h.rows);
      for (let i = 0; i < h.columns * h.rows; i++) {
        const s = Math.min(Math.max(h.scores[i], 0), 1);
        img.data[i * 4] = 255;
        img.data[i * 4 + 1] = Math.round(255 * (1 - s));
        img.data[i * 4 + 2] = 0;
        img.data[i * 4 + 3] = Math.round(160 * s);
      }
      c.putImageData(img, 0, 0);
    }
    // Cells drawn as cells: a blurred grid would suggest a precision the analysis does not have.
    this.ctx.imageSmoothingEnabled = false;
    this.ctx.drawImage(h.canvas, 0, 0, this.width, this.height);
  }

  // Presets in raw values; "organic" stretches the bright (more transmitted) part, "dense" the dark part.
  preset(name) {
    const px = this.frames[this.current].pixels;
    const pct = p => this.percentile(px, p);
    let lo, hi;
    switch (name) {
      case "full": lo = 0; hi = 65535; break;
      case "organic": lo = pct(0.4); hi = pct(0.995); break;
      case "dense": lo = pct(0.002); hi = pct(0.4); break;
      default: lo = pct(0.01); hi = pct(0.99); break;
    }
    if (hi <= lo) hi = lo + 1;
    this.window = hi - lo;
    this.level = Math.round((hi + lo) / 2);
    this.render();
  }

  percentile(px, p) {
    if (!this.histogram || this.histogramFrame !== this.current) {
      this.histogram = new Uint32Array(65536);
      for (let i = 0; i < px.length; i++) this.histogram[px[i]]++;
      this.histogramFrame = this.current;
    }
    const target = p * px.length;
    let sum = 0;
    for (let v = 0; v < 65536; v++) {
      sum += this.histogram[v];
      if (sum >= target) return v;
    }
    return 65535;
  }

  syncControls() {
    const set = (name, value) => { const c = this.control(name); if (c && document.activeElement !== c) c.value = String(value); };
    set("window", Math.round(this.window));
    set("window-value", Math.round(this.window));
    set("level", Math.round(this.level));
    set("level-value", Math.round(this.level));
  }

  fit() {
    this.fitScale = Math.min(this.canvas.width / this.width, this.canvas.height / this.height);
    this.scale = this.fitScale;
    this.offsetX = (this.canvas.width - this.width * this.scale) / 2;
    this.offsetY = (this.canvas.height - this.height * this.scale) / 2;
    this.changed();
  }

  zoomAt(factor, cx, cy) {
    const next = Math.min(Math.max(this.scale * factor, this.fitScale / 4), 32);
    const k = next / this.scale;
    this.offsetX = cx - (cx - this.offsetX) * k;
    this.offsetY = cy - (cy - this.offsetY) * k;
    this.scale = next;
    this.changed();
  }

  // The view as fractions of the image at the canvas centre and zoom relative to fit, so that two
  // scans of different sizes (origin and arrival scanners differ in pitch) stay on the same place.
  view() {
    return {
      x: (this.canvas.width / 2 - this.offsetX) / this.scale / this.width,
      y: (this.canvas.height / 2 - this.offsetY) / this.scale / this.height,
      zoom: this.scale / this.fitScale,
    };
  }

  applyView(v) {
    this.scale = v.zoom * this.fitScale;
    this.offsetX = this.canvas.width / 2 - v.x * this.width * this.scale;
    this.offsetY = this.canvas.height / 2 - v.y * this.height * this.scale;
    this.schedule();
  }

  changed() {
    this.schedule();
    if (!this.group) return;
    const v = this.view();
    for (const other of groups.get(this.group)) {
      if (other !== this && other.width && other.root.isConnected) other.applyView(v);
    }
  }

  bindControls() {
    const on = (name, event, f) => { const c = this.control(name); if (c) c.addEventListener(event, f); };
    const number = name => Number(this.control(name).value);
    const setWindow = v => { if (Number.isFinite(v) && v >= 1) { this.window = v; this.render(); } };
    const setLevel = v => { if (Number.isFinite(v)) { this.level = v; this.render(); } };
    on("window", "input", () => setWindow(number("window")));
    on("level", "input", () => setLevel(number("level")));
    on("window-value", "input", () => setWindow(number("window-value")));
    on("level-value", "input", () => setLevel(number("level-value")));
    on("invert", "change", () => { this.invert = this.control("invert").checked; this.render(); });
    on("colour", "change", () => { this.colour = this.control("colour").checked; this.render(); });
    on("regions", "change", () => { this.showRegions = this.control("regions").checked; this.draw(); });
    on("heatmap", "change", () => { this.showHeatmap = this.control("heatmap").checked; this.draw(); });
    on("frame", "change", async () => {
      const n = number("frame");
      if (!this.frames[n]) this.frames[n] = await this.fetchFrame(n);
      this.current = n;
      this.render();
    });
    this.root.querySelectorAll("[data-sv-preset]").forEach(b => b.addEventListener("click", () => this.preset(b.dataset.svPreset)));
    this.root.querySelectorAll("[data-sv-zoom]").forEach(b => b.addEventListener("click", () => {
      const z = b.dataset.svZoom;
      if (z === "fit") this.fit(); else this.zoomAt(z === "in" ? 1.5 : 1 / 1.5, this.canvas.width / 2, this.canvas.height / 2);
    }));

    const c = this.canvas;
    c.addEventListener("wheel", e => {
      e.preventDefault();
      const r = c.getBoundingClientRect();
      this.zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    c.addEventListener("contextmenu", e => e.preventDefault());
    let drag = null;
    c.addEventListener("pointerdown", e => {
      c.setPointerCapture(e.pointerId);
      // Left drag pans; right drag or shift-drag changes window (sideways) and level (up and down).
      drag = { x: e.clientX, y: e.clientY, contrast: e.button === 2 || e.shiftKey, window: this.window, level: this.level };
    });
    c.addEventListener("pointermove", e => {
      this.readout(e);
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (drag.contrast) {
        this.window = Math.max(1, drag.window * Math.exp(dx * 0.005));
        this.level = drag.level - dy * (this.window / 200);
        if (!this.contrastPending) {
          this.contrastPending = true;
          requestAnimationFrame(() => { this.contrastPending = false; this.render(); });
        }
      } else {
        this.offsetX += e.movementX;
        this.offsetY += e.movementY;
        this.changed();
      }
    });
    const end = () => { drag = null; };
    c.addEventListener("pointerup", end);
    c.addEventListener("pointercancel", end);
    window.addEventListener("resize", () => { if (this.width) { const v = this.view(); this.resize(); this.fitScale = Math.min(this.canvas.width / this.width, this.canvas.height / this.height); this.applyView(v); } });
  }

  readout(e) {
    const out = this.control("readout");
    if (!out || !this.width) return;
    const r = this.canvas.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left - this.offsetX) / this.scale);
    const y = Math.floor((e.clientY - r.top - this.offsetY) / this.scale);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) { out.textContent = ""; return; }
    const values = this.frames.filter(f => f).map(f => f.pixels[y * this.width + x]);
    out.textContent = `x ${x}, y ${y}: ${values.join(" / ")}`;
  }
}

function initAll() {
  document.querySelectorAll("[data-scan-viewer]").forEach(el => {
    if (!el.scanViewer) el.scanViewer = new ScanViewer(el);
  });
}

initAll();
if (window.Blazor && window.Blazor.addEventListener) {
  window.Blazor.addEventListener("enhancedload", initAll);
}

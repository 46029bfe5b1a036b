#!/usr/bin/python3
"""An independent side-view container radiograph generator (numpy), written without
reading Portcullis's generator: different geometry, cargo, truck, noise and artefacts.
Writes plain 16-bit PNGs of linear transmission (no metadata) and a truth CSV.

usage: make_scans.py OUTDIR N_CLEAN N_CONCEALED SEED [--pitch CM]
       make_scans.py OUTDIR N_UNCHANGED N_CHANGED SEED --pairs
  --pitch CM   every scanner's pixel pitch (both directions) set to CM, for small test fixtures
  --pairs      origin and arrival scans of the same container by two different scanners (the cargo settled by
               0-2 cm in between), 10-40 kg added or removed in the changed ones; pairs.csv and pairs_truth.csv
"""
import csv, math, os, sys
import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter, zoom

MU_STEEL, MU_ORG, MU_AL = 0.041, 0.044, 0.042   # cm^2/g at a few MeV (Compton dominated)

def scene(rng, kind, commodity, px_h, px_v):
    """Returns attenuation (mu*rho*path summed) on a grid of cm cells; 1 cell = 1 cm."""
    L = 606 if kind == "20" else 1219
    H = 259 if kind != "40R" else 290          # reefers here are high cube
    W = 235                                   # transverse path inside
    margin_top, chassis = 40, 130
    grid = np.zeros((margin_top + H + chassis, L + 120))
    x0, y0 = 60, margin_top                   # container's top-left cell
    c = lambda: None
    def add(x, y, w, h, a):
        xa, ya = max(0, int(x)), max(0, int(y))
        xb, yb = min(grid.shape[1], int(x + w)), min(grid.shape[0], int(y + h))
        if xb > xa and yb > ya:
            grid[ya:yb, xa:xb] += a
    # side walls face on: corrugated 1.6 mm (2 mm for reefers' skins and lining), period 28 cm
    wall = 2 * 0.16 * 7.85 * MU_STEEL if kind != "40R" else (2 * 0.1 * 2.7 * MU_AL + 2 * 0.08 * 7.9 * MU_STEEL + 2 * 10 * 0.04 * MU_ORG)
    xs = np.arange(L)
    corr = 1 + 0.35 * (np.abs(((xs % 28) / 28.0) - 0.5) > 0.32)
    grid[y0:y0 + H, x0:x0 + L] += wall * corr[None, :]
    # roof edge on (corrugation 3 cm deep), top and bottom side rails (tubes 10 cm, 4 mm walls)
    add(x0, y0, L, 3, W * 7.85 * 0.08 * MU_STEEL)
    add(x0, y0 + 3, L, 10, 2 * 0.8 * 7.85 * MU_STEEL)
    add(x0, y0 + 3, L, 1, 2 * 10 * 7.85 * MU_STEEL)
    add(x0, y0 + 12, L, 1, 2 * 10 * 7.85 * MU_STEEL)
    fl = y0 + H - 16
    # floor: 28 mm plywood (reefer: aluminium T-floor 6 cm), seen edge on across the width
    if kind == "40R":
        add(x0, fl - 6, L, 6, W * 2.7 * 0.25 * MU_AL)
    add(x0, fl - 3, L, 3, W * 0.7 * MU_ORG)
    # bottom side rails (C 16 cm) and cross members every 30 cm (web 4.5 mm, flanges 4.5 cm)
    add(x0, fl, L, 16, 2 * 0.6 * 7.85 * MU_STEEL)
    for cx in range(x0 + 15, x0 + L - 10, 30):
        add(cx, fl, 1, 12, W * 0.45 * 7.85 * MU_STEEL)
        add(cx - 2, fl, 5, 1, W * 0.45 * 7.85 * MU_STEEL)
        add(cx - 2, fl + 11, 5, 1, W * 0.45 * 7.85 * MU_STEEL)
    # corner posts 15 cm and end frames
    for px in (x0, x0 + L - 15):
        add(px, y0, 15, H, 2 * 1.2 * 7.85 * MU_STEEL)
        add(px + 2, y0, 2, H, 2 * 12 * 7.85 * MU_STEEL)
    # front wall: corrugated panel edge on; reefer: machinery unit 45 cm deep
    front = x0 + 15
    if kind == "40R":
        add(front, y0 + 15, 45, H - 31, 2 * 0.3 * 2.7 * MU_AL)      # housing
        add(front + 5, y0 + 140, 40, 60, 90 * 7.85 * MU_STEEL * 0.45)  # compressor
        add(front + 3, y0 + 30, 8, 110, W * 0.12 * 8.9 * MU_STEEL * 0.3)  # condenser coil
        for fy in (y0 + 40, y0 + 95):                                  # fans
            add(front + 20, fy, 20, 45, 40 * 2.7 * 0.1 * MU_AL)
        add(front + 30, y0 + 210, 12, 25, 30 * 7.85 * 0.3 * MU_STEEL)  # control box
        front += 45
        add(front, y0 + 15, 10, H - 31, 2 * 0.3 * 7.85 * MU_STEEL)    # bulkhead
    add(front, y0 + 13, 4, H - 29, W * 0.1 * 7.85 * MU_STEEL)
    # doors: two corrugated leaves, 4 locking bars, header and sill
    door = x0 + L - 15
    add(door - 6, y0 + 13, 6, H - 29, W * 0.12 * 7.85 * MU_STEEL)
    add(door - 9, y0 + 10, 4, H - 20, 4 * 2.7 * 7.85 * MU_STEEL * 0.8)
    add(door - 25, y0, 25, 14, 2 * 1.0 * 7.85 * MU_STEEL)
    add(door - 25, fl - 4, 25, 20, 2 * 1.0 * 7.85 * MU_STEEL)
    inner0 = front + 5
    inner1 = door - 10
    floor_top = fl - (6 if kind == "40R" else 3)
    ceil = y0 + 14
    # cargo
    gap_end = rng.integers(5, 60)
    if commodity == "bananas" or commodity == "pineapples":
        bw, bh, dens = (50, 24, 0.38) if commodity == "bananas" else (40, 29, 0.33)
        x = inner0
        while x + 100 < inner1 - gap_end:
            add(x, floor_top - 14, 100, 14, 2 * 30 * 0.55 * MU_ORG * 0.35)  # pallet slats
            y = floor_top - 14
            layers = rng.integers(7, 10)
            for l in range(layers):
                for bx in range(x, x + 100 - bw + 1, bw):
                    fill = dens * rng.normal(1, 0.07)
                    add(bx + 1, y - bh + 1, bw - 2, bh - 2, 2 * 95 * fill * MU_ORG)
                    add(bx, y - bh, bw, 1, 2 * 95 * 0.7 * 0.02 * MU_ORG * 5)
                y -= bh
            x += 100 + rng.integers(0, 4)
    elif commodity == "cocoa":
        x = inner0
        top = ceil + rng.integers(10, 40)
        while x < inner1 - gap_end - 40:
            y = floor_top
            while y - 28 > top:
                w = rng.integers(62, 90)
                h = rng.integers(24, 32)
                yy, xx = np.mgrid[0:h, 0:w]
                bag = np.clip(1 - (((xx - w / 2) / (w / 2)) ** 4 + ((yy - h / 2) / (h / 2)) ** 2), 0, None) ** 0.4
                ya, xa = int(y - h), int(x)
                sub = grid[ya:ya + h, xa:xa + w]
                sub += (bag * 3 * 75 * 0.52 * MU_ORG * rng.normal(1, 0.06))[: sub.shape[0], : sub.shape[1]]
                y -= h - rng.integers(0, 4)
            x += rng.integers(58, 70)
    elif commodity == "machinery":
        x = inner0 + rng.integers(0, 80)
        while x < inner1 - 200:
            w, h = rng.integers(80, 220), rng.integers(60, 200)
            add(x, floor_top - 12, w, 12, 2 * 20 * 0.55 * MU_ORG)       # skid
            body = rng.uniform(6, 25) * 7.85 * MU_STEEL
            add(x + 5, floor_top - 12 - h, w - 10, h, body)
            for _ in range(rng.integers(2, 6)):                         # shafts, holes, motors
                hw, hh = rng.integers(10, 50), rng.integers(10, 50)
                hx, hy = x + 5 + rng.integers(0, max(1, w - 10 - hw)), floor_top - 12 - h + rng.integers(0, max(1, h - hh))
                add(hx, hy, hw, hh, rng.uniform(-0.6, 1.5) * body)
            x += w + rng.integers(30, 150)
    elif commodity == "textiles":
        x = inner0
        while x + 60 < inner1 - gap_end:
            y = floor_top
            while y - 40 > ceil + 8:
                add(x + 1, y - 39, 58, 38, 4 * 55 * 0.2 * rng.normal(1, 0.1) * MU_ORG)
                y -= 40
            x += 60
    elif commodity == "timber":
        x = inner0
        while x + 250 < inner1 - gap_end:
            y = floor_top
            for b in range(rng.integers(3, 5)):
                bh = rng.integers(45, 60)
                add(x, y - 8, 245, 8, 2 * 10 * 0.5 * MU_ORG)            # bearers
                for r in range(8, bh, 5):
                    add(x, y - r - 4, 245, 4, 2 * 110 * 0.52 * rng.normal(1, 0.04) * MU_ORG)
                y -= bh + 2
            x += 250 + rng.integers(2, 20)
    # truck: chassis beams, wheels at the rear (3 axles) and the landing gear
    cy = y0 + H + 12
    add(x0 - 40, cy, L + 60, 30, 2 * 1.0 * 7.85 * MU_STEEL)
    add(x0 - 40, cy, L + 60, 2, 2 * 30 * 7.85 * MU_STEEL * 0.3)
    for ax in range(3):
        wx = x0 + L - 320 + ax * 130
        yy, xx = np.mgrid[0:100, 0:100]
        r = np.hypot(xx - 50, yy - 50)
        wheel = np.where(r < 50, 2 * 30 * 1.1 * MU_ORG, 0) + np.where(r < 28, 2 * 25 * 7.85 * MU_STEEL * 0.15, 0)
        ya = cy + 25
        sub = grid[ya:ya + 100, wx:wx + 100]
        sub += wheel[: sub.shape[0], : sub.shape[1]]
    add(x0 + 250, cy + 25, 12, 60, 2 * 6 * 7.85 * MU_STEEL)
    truth = dict(x0=x0, y0=y0, L=L, H=H, width=grid.shape[1], inner0=inner0, inner1=inner1, floor=floor_top, ceil=ceil, front=x0 + 15, fl=fl)
    return grid, truth


def conceal(rng, grid, t, kind, place, low_kg=5):
    kg = math.exp(rng.uniform(math.log(low_kg), math.log(40)))
    vol = kg * 1000 / 1.25
    if place == "doors":      # a holdall of bricks just inside the doors, on the floor or on top of the load
        w = 70 * min(1.0, (kg / 30) ** 0.34); h = 30 * min(1.0, (kg / 30) ** 0.34)
        x = t["inner1"] - w - rng.integers(0, 40)
        y = t["floor"] - h if rng.random() < 0.6 else t["ceil"] + rng.integers(0, 30)
        depth = vol / (w * h)
    elif place == "cargo":     # inside the load, half the cargo it displaces taken out
        w = rng.integers(30, 60); h = rng.integers(20, 40)
        x = rng.integers(t["inner0"] + 150, t["inner1"] - 200)
        y = rng.integers(t["ceil"] + 20, t["floor"] - h - 20)
        depth = vol / (w * h)
    elif place == "floor":     # between two cross members, under the floor
        w = 26; h = 10
        x = t["x0"] + 17 + 30 * rng.integers(3, t["L"] // 30 - 4)
        y = t["fl"] + 1
        depth = min(vol / (w * h), 200)
        kg = depth * w * h * 1.25 / 1000
    elif place == "walls":     # a thin layer behind a false front wall
        w = 12; h = rng.integers(80, 180)
        x = t["inner0"] + 1
        y = t["floor"] - h - rng.integers(0, 40)
        depth = min(vol / (w * h), 220)
        kg = depth * w * h * 1.25 / 1000
    else:                      # machinery: inside the reefer unit
        w = rng.integers(20, 35); h = rng.integers(25, 45)
        x = t["front"] + rng.integers(5, 40 - w // 2)
        y = t["y0"] + rng.integers(20, 200)
        depth = min(vol / (w * h), 150)
        kg = depth * w * h * 1.25 / 1000
    a = depth * 1.25 * MU_ORG * 1.02
    w, h, x, y = int(w), int(h), int(x), int(y)
    yy, xx = np.mgrid[0:h, 0:w]
    shape = (np.abs(xx - w / 2 + 0.5) < w / 2 - 1) & (np.abs(yy - h / 2 + 0.5) < h / 2 - 1)
    if place == "cargo":
        a -= 0.5 * depth * 0.4 * MU_ORG
    grid[y:y + h, x:x + w] += shape * a
    return kg, (x, y, x + w, y + h)


def radiograph(rng, grid, boxes, scanner):
    """Attenuation on the cm grid to a noisy 16-bit linear image; boxes (cm, x0 y0 x1 y1) follow to pixels."""
    px_h, px_v, I0, blur, flip = scanner
    img = zoom(grid, (1.0 / px_v, 1.0 / px_h), order=1)
    T = np.exp(-img)
    T = gaussian_filter(T, blur)                                      # detector blur acts on intensity
    counts = rng.poisson(T * I0) + rng.normal(0, 3.0, T.shape)       # photon and electronic noise
    Tm = counts / I0
    Tm *= (1 + rng.normal(0, 0.012, Tm.shape[1]))[None, :]            # linac dose, pulse to pulse
    Tm *= (1 + rng.normal(0, 0.003, Tm.shape[0]))[:, None]            # residual detector gain
    # vertical offset: the image window shifted; rows that come in are air (no wrap-around)
    off = int(rng.integers(-15, 16))
    air = rng.poisson(np.full((abs(off), Tm.shape[1]), float(I0))) / I0 if off else None
    if off > 0:
        Tm = np.vstack([air, Tm[:-off]])
    elif off < 0:
        Tm = np.vstack([Tm[-off:], air])
    W = Tm.shape[1]
    out = []
    for box in boxes:
        if box is None:
            out.append(None)
            continue
        b = (box[0] / px_h, box[1] / px_v + off, box[2] / px_h, box[3] / px_v + off)
        out.append((W - b[2], b[1], W - b[0], b[3]) if flip else b)
    if flip:
        Tm = Tm[:, ::-1]
    v = np.clip(np.round(Tm * 60000), 0, 65535).astype(np.uint16)
    return v, out


SCANNERS = {
    "indep-A": (0.45, 0.30, 40000, 0.8, False),
    "indep-B": (0.50, 0.50, 15000, 1.2, True),
    "indep-C": (0.38, 0.42, 25000, 0.7, False),
}
COMMODITY_HS = {"bananas": "080390", "pineapples": "080430", "cocoa": "180100", "machinery": "847989",
                "textiles": "620342", "timber": "440710"}


def settle(grid, t, cm):
    """The load sinks by cm between the two scans: the inside moves down, the row under the roof repeats."""
    if cm <= 0:
        return grid
    g = grid.copy()
    a, b, x0, x1 = t["ceil"], t["floor"], t["inner0"], t["inner1"]
    g[a + cm:b, x0:x1] = grid[a:b - cm, x0:x1]
    g[a:a + cm, x0:x1] = grid[a:a + 1, x0:x1]
    return g


def pairs(out, n_same, n_changed, seed):
    os.makedirs(out, exist_ok=True)
    names = list(SCANNERS)
    rows, truth = [], []
    for i in range(n_same + n_changed):
        rng = np.random.default_rng(seed * 100000 + 50000 + i)
        kind = ["20", "40", "40R"][i % 3]
        commodity = ["bananas", "pineapples"][(i // 3) % 2] if kind == "40R" else ["cocoa", "machinery", "textiles", "timber"][(i // 3) % 4]
        origin_scanner, arrival_scanner = names[i % 3], names[(i + 1 + (i // 3) % 2) % 3]
        grid, t = scene(rng, kind, commodity, 1, 1)
        changed = i >= n_same
        change, place, kg, box = "none", "", 0.0, None
        before, after = grid, settle(grid, t, int(rng.integers(0, 3)))
        if changed:
            places = ["doors", "cargo", "floor", "walls"] + (["machinery"] if kind == "40R" else [])
            place = places[(i - n_same) % len(places)]
            change = "added" if (i - n_same) % 2 == 0 else "removed"
            target = after.copy() if change == "added" else before.copy()
            kg, box = conceal(rng, target, t, kind, place, low_kg=10)
            if change == "added":
                after = target
            else:
                before = target
        vo, (bo,) = radiograph(rng, before, [box if change == "removed" else None], SCANNERS[origin_scanner])
        va, (ba,) = radiograph(rng, after, [box if change == "added" else None], SCANNERS[arrival_scanner])
        o, a = f"pair{i:04d}_origin.png", f"pair{i:04d}_arrival.png"
        Image.fromarray(vo).save(os.path.join(out, o))
        Image.fromarray(va).save(os.path.join(out, a))
        b = bo if change == "removed" else ba
        rows.append(dict(origin=o, arrival=a))
        truth.append(dict(origin=o, arrival=a, change=change, place=place, kg=round(kg, 1), commodity=commodity,
                          iso_type={"20": "22G1", "40": "42G1", "40R": "45R1"}[kind],
                          origin_scanner=origin_scanner, arrival_scanner=arrival_scanner,
                          x0=int(b[0]) if b else "", y0=int(b[1]) if b else "",
                          x1=int(math.ceil(b[2])) if b else "", y1=int(math.ceil(b[3])) if b else ""))
    for name, table in (("pairs.csv", rows), ("pairs_truth.csv", truth)):
        with open(os.path.join(out, name), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(table[0].keys()))
            w.writeheader(); w.writerows(table)


def main():
    out, n_clean, n_conc, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    if "--pairs" in sys.argv:
        return pairs(out, n_clean, n_conc, seed)
    if "--pitch" in sys.argv:
        p = float(sys.argv[sys.argv.index("--pitch") + 1])
        for k, v in SCANNERS.items():
            SCANNERS[k] = (p, p) + v[2:]
    os.makedirs(out, exist_ok=True)
    rows = []
    names = list(SCANNERS)
    for i in range(n_clean + n_conc):
        rng = np.random.default_rng(seed * 100000 + i)
        kind = ["20", "40", "40R"][i % 3]
        commodity = ["bananas", "pineapples"][(i // 3) % 2] if kind == "40R" else ["cocoa", "machinery", "textiles", "timber"][(i // 3) % 4]
        scanner = names[(i // 2) % len(names)]
        grid, t = scene(rng, kind, commodity, *SCANNERS[scanner][:2])
        concealed = i >= n_clean
        box, kg, place = None, 0.0, ""
        if concealed:
            places = ["doors", "cargo", "floor", "walls"] + (["machinery"] if kind == "40R" else [])
            place = places[(i - n_clean) % len(places)]
            kg, box = conceal(rng, grid, t, kind, place)
        cbox = (t["x0"], t["y0"], t["x0"] + t["L"], t["y0"] + t["H"])
        v, (pbox, cpix) = radiograph(rng, grid, [box, cbox], SCANNERS[scanner])
        name = f"scan{i:04d}.png"
        Image.fromarray(v).save(os.path.join(out, name))
        iso = {"20": "22G1", "40": "42G1", "40R": "45R1"}[kind]
        rows.append(dict(file=name, kind="container", hs=COMMODITY_HS[commodity], iso_type=iso, container_number="",
                         concealed=int(concealed), place=place, kg=round(kg, 1), scanner=scanner, commodity=commodity,
                         x0=int(pbox[0]) if pbox else "", y0=int(pbox[1]) if pbox else "",
                         x1=int(math.ceil(pbox[2])) if pbox else "", y1=int(math.ceil(pbox[3])) if pbox else "",
                         container_x0=int(cpix[0]), container_y0=int(cpix[1]),
                         container_x1=int(math.ceil(cpix[2])), container_y1=int(math.ceil(cpix[3]))))
    with open(os.path.join(out, "truth.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader(); w.writerows(rows)


if __name__ == "__main__":
    main()

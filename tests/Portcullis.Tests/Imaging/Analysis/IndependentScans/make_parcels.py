#!/usr/bin/python3
"""An independent dual-energy parcel radiograph generator (numpy, scipy, Pillow), written from X-ray physics and
what parcels hold, without reading Portcullis's generator. A conveyor tunnel scanner looks down through the belt;
each pixel is the energy-integrated signal of a tungsten tube spectrum through the parcel's materials (elemental
mass-attenuation tables, so beam hardening and the low/high ratio of each material come from its composition),
detected by either a sandwich detector (thin front scintillator = low channel, copper filter, thick rear = high)
or a dual-kVp source (80 and 140 kV on one detector). Writes two plain 16-bit PNGs per parcel (high: `file`,
low: `low_file`) of linear transmission, open beam below full scale, no metadata (no pitch, no encoding), and
truth.csv with the pixel box of each concealment.

usage: make_parcels.py OUTDIR N_CLEAN N_CONCEALED SEED [--scanners A,B,C] [--crop] [--pitch-tag]
  --scanners  which of the three scanner models to turn over (default all three)
  --crop      crop each image to the parcel plus 6 cm (small test fixtures)
  --pitch-tag state the pixel pitch in each PNG (pHYs), a diagnostic of what the unknown pitch costs: the pixels
              are the same as without it
"""
import csv, math, os, sys
import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter

# ---------------------------------------------------------------------------------------------------------------
# Mass attenuation (cm^2/g, total with coherent scattering) at 20, 30, 40, 50, 60, 80, 100, 150 keV, as tabulated
# by NIST XCOM for the elements (values from the NIST X-ray mass attenuation tables, rounded). Other elements are
# interpolated log-log in Z between tabulated neighbours at each energy (photoelectric absorption per gram goes
# roughly as Z^4/A, so ln mu is close to linear in ln Z between neighbours without an absorption edge in 20-150
# keV); e.g. Ca comes out 12.5 cm^2/g at 20 keV and 0.23 at 100 keV, Cl 7.7 and 0.19.
EGRID = np.array([20, 30, 40, 50, 60, 80, 100, 150], float)
XCOM = {
    1: [0.3695, 0.3570, 0.3458, 0.3355, 0.3260, 0.3091, 0.2944, 0.2651],   # H
    6: [0.4420, 0.2562, 0.2076, 0.1871, 0.1753, 0.1610, 0.1514, 0.1347],   # C
    7: [0.6172, 0.3040, 0.2288, 0.1980, 0.1817, 0.1639, 0.1529, 0.1353],   # N
    8: [0.8651, 0.3779, 0.2585, 0.2132, 0.1907, 0.1678, 0.1551, 0.1361],   # O
    13: [3.441, 1.128, 0.5685, 0.3681, 0.2778, 0.2018, 0.1704, 0.1378],    # Al
    14: [4.464, 1.436, 0.7012, 0.4385, 0.3207, 0.2228, 0.1835, 0.1448],    # Si
    26: [25.68, 8.176, 3.629, 1.958, 1.205, 0.5952, 0.3717, 0.1964],       # Fe
    29: [33.79, 10.92, 4.862, 2.613, 1.593, 0.7630, 0.4584, 0.2217],       # Cu
}
ZNUM = dict(H=1, Li=3, B=5, C=6, N=7, O=8, F=9, Na=11, Mg=12, Al=13, Si=14, P=15, S=16, Cl=17, K=19, Ca=20, Ti=22,
            Mn=25, Fe=26, Co=27, Ni=28, Cu=29, Zn=30, Br=35)

def mu_element(z, e):
    """mu/rho of element z at energies e (keV), log-log in energy (extrapolated below 20 keV) and in Z."""
    def at(zz):
        return np.exp(np.interp(np.log(e), np.log(EGRID), np.log(XCOM[zz]), left=None)
                      + (np.log(e) < np.log(20)) * (np.log(e) - np.log(20)) * np.log(XCOM[zz][1] / XCOM[zz][0]) / np.log(30 / 20))
    if z in XCOM:
        return at(z)
    if z < 6:   # Li, B: organic-like, between H and C
        lo, hi = 1, 6
    else:
        zs = sorted(XCOM)
        lo = max(k for k in zs if k < z) if z < 29 else 26
        hi = min(k for k in zs if k > z) if z < 29 else 29
    t = (math.log(z) - math.log(lo)) / (math.log(hi) - math.log(lo))
    return np.exp((1 - t) * np.log(at(lo)) + t * np.log(at(hi)))

# Materials by mass fraction. Organic Z_eff ~6-7.5; the drug salts carry chlorine (Z_eff ~9); minerals, glass
# and metals above.
CELL = dict(C=.444, H=.062, O=.494)
def mix(*parts):
    out = {}
    for w, comp in parts:
        for k, v in comp.items():
            out[k] = out.get(k, 0) + w * v
    s = sum(out.values())
    return {k: v / s for k, v in out.items()}
CACO3 = dict(Ca=.400, C=.120, O=.480)
KAOLIN = dict(Al=.209, Si=.218, O=.558, H=.016)
WATER = dict(H=.112, O=.888)
SUGAR = dict(C=.421, H=.064, O=.514)
FAT = dict(C=.77, H=.12, O=.11)
PROTEIN = dict(C=.50, H=.07, N=.16, O=.25, S=.02)
PLANT_ASH = dict(K=.40, Ca=.12, Mg=.05, P=.08, O=.35)
MDMA_HCL = dict(C=.575, H=.070, Cl=.154, N=.061, O=.139)
COKE_HCL = dict(C=.601, H=.065, Cl=.104, N=.041, O=.188)
DCP = dict(Ca=.295, P=.228, O=.470, H=.007)
MATERIALS = {
    'cellulose': CELL, 'paper_coated': mix((.80, CELL), (.12, CACO3), (.08, KAOLIN)),
    'paper': mix((.95, CELL), (.05, CACO3)), 'pet': dict(C=.625, H=.042, O=.333), 'pe': dict(C=.857, H=.143),
    'pvc': dict(C=.384, H=.048, Cl=.567), 'nylon': dict(C=.637, H=.098, N=.124, O=.141), 'wool': PROTEIN,
    'abs': dict(C=.85, H=.08, N=.07), 'eva': dict(C=.80, H=.12, O=.08),
    'rubber_filled': mix((.62, dict(C=.9, H=.1)), (.25, CACO3), (.10, dict(Si=.467, O=.533)), (.03, dict(Zn=.8, O=.2))),
    'water': WATER, 'drink': mix((.9, WATER), (.1, SUGAR)), 'wine': mix((.88, WATER), (.12, dict(C=.52, H=.13, O=.35))),
    'food': mix((.8, WATER), (.15, SUGAR), (.04, PROTEIN), (.01, dict(Na=.39, Cl=.61))),
    'starch': CELL, 'sugar': SUGAR, 'chocolate': mix((.6, SUGAR), (.33, FAT), (.05, PROTEIN), (.015, PLANT_ASH), (.005, dict(Ti=.6, O=.4))),
    'gummy': mix((.7, SUGAR), (.1, PROTEIN), (.2, WATER)),
    'bulb': mix((.64, WATER), (.33, CELL), (.03, PLANT_ASH)),
    'coffee': mix((.955, dict(C=.52, H=.065, N=.025, O=.39)), (.045, dict(K=.42, Mg=.05, P=.044, Ca=.043, O=.443))),
    'vit_calcium': mix((.62, CACO3), (.30, CELL), (.05, dict(Mg=.6, O=.4)), (.03, dict(Zn=.8, O=.2))),
    'vit_multi': mix((.50, DCP), (.40, CELL), (.06, dict(Mg=.6, O=.4)), (.04, dict(Fe=.33, C=.28, H=.01, O=.38))),
    'vit_c': mix((.85, dict(C=.409, H=.046, O=.545)), (.15, CELL)),
    'al': dict(Al=1.0), 'steel': dict(Fe=.98, C=.02), 'brass': dict(Cu=.65, Zn=.35), 'copper': dict(Cu=1.0),
    'glass': dict(Si=.337, O=.460, Na=.096, Ca=.071, Mg=.022, Al=.014),
    'glass_alsi': dict(Si=.28, Al=.10, O=.48, Na=.08, K=.04, Mg=.02),
    'liion': dict(Co=.22, Ni=.05, O=.14, Cu=.12, Al=.06, C=.28, H=.03, F=.05, P=.01, Li=.04),
    'fr4': mix((.50, dict(Si=.26, Ca=.16, Al=.07, O=.47, B=.02, Mg=.02)), (.38, dict(C=.72, H=.07, O=.21)), (.05, dict(Br=1.0)), (.07, dict(Cu=1.0))),
    'chip': mix((.5, dict(Si=.467, O=.533)), (.4, dict(C=.72, H=.07, O=.21)), (.1, dict(Cu=1.0))),
    'ferrite': dict(Fe=.48, Mn=.10, Zn=.10, O=.32),
    'cream': mix((.70, WATER), (.25, FAT), (.05, dict(Ti=.6, O=.4))),
    'shampoo': mix((.85, WATER), (.12, dict(C=.50, H=.09, Na=.08, S=.11, O=.22)), (.03, dict(Na=.39, Cl=.61))),
    'perfume': mix((.8, dict(C=.52, H=.13, O=.35)), (.2, WATER)),
    'makeup_powder': mix((.7, dict(Mg=.19, Si=.30, O=.51)), (.15, dict(Fe=.7, O=.3)), (.15, dict(Ti=.6, O=.4))),
    'silica': dict(Si=.467, O=.533),
}

def drug_tablet(rng):
    """Ecstasy pills: MDMA.HCl 20-45% in lactose/cellulose; about a third pressed with some dicalcium phosphate."""
    dcp = rng.uniform(.05, .12) if rng.random() < .3 else 0.0
    p = rng.uniform(.2, .45)
    return mix((p, MDMA_HCL), (1 - p - dcp - .01, SUGAR), (dcp, DCP), (.01, dict(Mg=.04, C=.73, H=.12, O=.11)))

def drug_powder(rng):
    """Cocaine HCl cut with mannitol/lactose (organic), or MDMA.HCl crystal powder."""
    if rng.random() < .65:
        p = rng.uniform(.55, .92)
        return mix((p, COKE_HCL), (1 - p, dict(C=.396, H=.077, O=.527))), 'cocaine'
    p = rng.uniform(.7, .95)
    return mix((p, MDMA_HCL), (1 - p, SUGAR)), 'mdma'

# ---------------------------------------------------------------------------------------------------------------
# Energies: 10 keV bins 15-155 keV plus tungsten K lines (Ka 59.3, Kb 67.2 keV).
EB = np.array(list(range(15, 160, 10)) + [59.3, 67.2], float)

def spectrum(kvp, al_mm, cu_mm):
    """Kramers' photon spectrum (per keV, proportional to (kVp - E)/E) with W K lines, through the tube's filtration."""
    n = np.where(EB[:-2] < kvp, (kvp - EB[:-2]) / EB[:-2], 0) * 10
    k = (kvp - 59.3) / kvp if kvp > 69.5 else 0.0
    lines = np.array([0.5, 0.13]) * k * np.interp(60, EB[:-2], n) if k else np.zeros(2)
    n = np.concatenate([n, lines])
    return n * np.exp(-mu_element(13, EB) * 2.70 * al_mm / 10 - mu_element(29, EB) * 8.96 * cu_mm / 10)

def mu_csi(e):
    """CsI (taken as iodine, Z 53, with Cs 55 beside it: K edges 33.2/36.0 keV), NIST-like values."""
    below = np.exp(np.interp(np.log(e), np.log([15, 20, 30, 33.17]), np.log([54.0, 25.0, 8.5, 6.55])))
    above = np.exp(np.interp(np.log(e), np.log([33.17, 40, 50, 60, 80, 100, 150, 160]), np.log([35.9, 22.1, 12.3, 7.6, 3.55, 1.94, .70, .62])))
    return np.where(e < 33.17, below, above)

def absorbed(e, mm):
    return 1 - np.exp(-mu_csi(e) * 4.51 * mm / 10)

SCANNERS = {
    # dual kVp: two exposures, one 2.5 mm CsI detector line; square 1.2 mm pixels; PVC belt
    'A': dict(name='dkv140-80', py=1.2, px=1.2, q=26000, open=(58500, 51000), gain=.003, enoise=4, blur=.55, belt=('pvc', 1.35, 2.0),
              tunnel_mm=620, kind='dkv', kv=(140, 80), filt=((2.5, .2), (2.5, 0.0)), det=2.5),
    # sandwich 160 kV: 0.5 mm front CsI, 0.6 mm Cu, 4 mm rear CsI; 1.6 mm detector pitch, 1.4 mm along the belt
    'B': dict(name='sw160', py=1.6, px=1.4, q=14000, open=(61000, 46500), gain=.005, enoise=6, blur=.6, belt=('rubber_filled', 1.2, 3.0),
              tunnel_mm=650, kind='sw', kv=160, filt=(3.0, 0.0), front=.5, cu=.6, rear=4.0),
    # sandwich 130 kV: 0.3 mm front, 0.3 mm Cu, 3 mm rear; 1.9 mm; polyurethane belt; the conveyor's steel side
    # rail shows as a dark band along the image's lower edge
    'C': dict(name='sw130', py=1.9, px=1.9, q=20000, open=(54000, 55500), gain=.004, enoise=5, blur=.45, belt=('nylon', 1.2, 2.5),
              tunnel_mm=600, kind='sw', kv=130, filt=(2.0, 0.0), front=.3, cu=.3, rear=3.0, rail=True),
}

def channels(sc):
    """Per channel (high, low): weights w (energy-integrated signal) and u (its Poisson variance), both normalised."""
    if sc['kind'] == 'dkv':
        out = []
        for kv, (al, cu) in zip(sc['kv'], sc['filt']):
            n = spectrum(kv, al, cu) * absorbed(EB, sc['det'])
            out.append((n * EB, n * EB * EB))
    else:
        n = spectrum(sc['kv'], *sc['filt'])
        front = absorbed(EB, sc['front'])
        rear = n * (1 - front) * np.exp(-mu_element(29, EB) * 8.96 * sc['cu'] / 10) * absorbed(EB, sc['rear'])
        out = [(rear * EB, rear * EB * EB), (n * front * EB, n * front * EB * EB)]
    return [(w / w.sum(), u / u.sum()) for w, u in out]

MU = {k: sum(f * mu_element(ZNUM[el], EB) for el, f in comp.items()) for k, comp in MATERIALS.items()}

# ---------------------------------------------------------------------------------------------------------------
class Scene:
    """Mass thickness maps (g/cm^2) per material on a fine grid of half the scanner's pitch."""
    def __init__(self, h_mm, w_mm, fy, fx):
        self.fy, self.fx = fy, fx
        self.shape = (int(round(h_mm / fy)), int(round(w_mm / fx)))
        self.maps = {}
        self.extra = {}

    def add(self, mat, rho, path, cx, cy, ang, r, grams=None, mask=None):
        """Adds density*path(u, v) (mm, object frame) of mat around (cx, cy) mm; returns grams added."""
        i0, i1 = max(0, int((cy - r) / self.fy)), min(self.shape[0], int((cy + r) / self.fy) + 2)
        j0, j1 = max(0, int((cx - r) / self.fx)), min(self.shape[1], int((cx + r) / self.fx) + 2)
        if i1 <= i0 or j1 <= j0:
            return 0.0
        y = (np.arange(i0, i1) + .5)[:, None] * self.fy - cy
        x = (np.arange(j0, j1) + .5)[None, :] * self.fx - cx
        c, s = math.cos(ang), math.sin(ang)
        u, v = x * c + y * s, -x * s + y * c
        p = np.maximum(path(u, v), 0)
        m = rho * p / 10.0
        g = float(m.sum()) * self.fx * self.fy / 100.0
        if grams is not None and g > 0:
            m *= grams / g
            g = grams
        key = mat if isinstance(mat, str) else id(mat)
        if not isinstance(mat, str):
            self.extra[key] = mat
        if key not in self.maps:
            self.maps[key] = np.zeros(self.shape, np.float32)
        self.maps[key][i0:i1, j0:j1] += m.astype(np.float32)
        if mask is not None:
            mask[i0:i1, j0:j1] |= p > 0
        return g

    def mu(self, key):
        return MU[key] if isinstance(key, str) else sum(f * mu_element(ZNUM[el], EB) for el, f in self.extra[key].items())

# path-length primitives (mm) in the object's frame u (length), v (width)
def soft(d, f=0.35):
    return np.clip(d / f + .5, 0, 1)
def p_box(a, b, h):
    return lambda u, v: h * soft(a - abs(u)) * soft(b - abs(v))
def p_rrect(a, b, h, r):
    def f(u, v):
        d = np.hypot(np.maximum(abs(u) - (a - r), 0), np.maximum(abs(v) - (b - r), 0)) - r
        return h * soft(-d)
    return f
def p_ell(a, b, c):
    return lambda u, v: 2 * c * np.sqrt(np.maximum(1 - (u / a) ** 2 - (v / b) ** 2, 0))
def p_disc(r, tc, te):
    def f(u, v):
        q = (u * u + v * v) / (r * r)
        return (te + (tc - te) * np.maximum(1 - q, 0)) * soft(r * (1 - np.sqrt(q)))
    return f
def p_tablet(a, b, tc):
    """a biconvex tablet (edge 0.6 of the centre) of half axes a, b as seen: on its face a disc, tilted an ellipse
    (with the path through it longer)."""
    def f(u, v):
        q = (u / a) ** 2 + (v / b) ** 2
        return (tc * .6 + tc * .4 * np.maximum(1 - q, 0)) * soft(min(a, b) * (1 - np.sqrt(q)))
    return f
def p_chord(r, a):
    """a cylinder of radius r lying along u, half length a."""
    return lambda u, v: 2 * np.sqrt(np.maximum(r * r - v * v, 0)) * soft(a - abs(u))
def p_ring(r0, r1, h):
    def f(u, v):
        q = np.hypot(u, v)
        return h * soft(r1 - q) * soft(q - r0)
    return f
def p_pillow(a, b, h):
    return lambda u, v: h * np.sqrt(np.maximum(1 - (u / a) ** 2, 0) * np.maximum(1 - (v / b) ** 4, 0))
def p_flatbag(a, b, h, taper):
    return lambda u, v: h * np.sqrt(np.clip(np.minimum(a - abs(u), b - abs(v)) / taper, 0, 1))
def p_tex(base, rng, scale, amp):
    """multiplies a path by a smooth random texture (folds, crumpling)."""
    seed = int(rng.integers(1 << 30))
    def f(u, v):
        p = base(u, v)
        g = np.random.default_rng(seed).normal(size=p.shape)
        g = gaussian_filter(g, scale)
        g /= g.std() + 1e-9
        return p * np.clip(1 + amp * g, 0.2, 2.5)
    return f

# ---------------------------------------------------------------------------------------------------------------
class Parcel:
    def __init__(self, sc, rng, L, W, H, cx, cy, ang):
        self.sc, self.rng, self.L, self.W, self.H, self.cx, self.cy, self.ang = sc, rng, L, W, H, cx, cy, ang

    def at(self, u, v, phi=0.0):
        c, s = math.cos(self.ang), math.sin(self.ang)
        return self.cx + u * c - v * s, self.cy + u * s + v * c, self.ang + phi

    def spot(self, a, b, margin=6):
        """a random centre and angle for an item of half sizes a, b inside the box."""
        rng = self.rng
        fits = [q for q in (0, 1) if (b if q else a) <= self.L / 2 - margin and (a if q else b) <= self.W / 2 - margin]
        q = int(rng.choice(fits)) if fits else int(a > b)          # turned a quarter when only that fits
        phi = q * math.pi / 2 + rng.normal(0, .12 if fits else .02)
        ea = abs(a * math.cos(phi)) + abs(b * math.sin(phi))
        eb = abs(a * math.sin(phi)) + abs(b * math.cos(phi))
        hu, hv = max(self.L / 2 - ea - margin, 0), max(self.W / 2 - eb - margin, 0)
        return rng.uniform(-hu, hu), rng.uniform(-hv, hv), phi

    def put(self, mat, rho, path, u, v, phi, r, **kw):
        x, y, a = self.at(u, v, phi)
        return self.S.add(mat, rho, path, x, y, a, r, **kw)

def box(P, kind):
    """corrugated board: ~0.6 kg/m^2 per wall (0.15 g/cm^3 over 4 mm), top and bottom plus the flaps; the side
    walls seen edge on; packing tape along the middle. A mailer is paper with bubble-film lining."""
    L, W, H = P.L, P.W, P.H
    if kind == 'mailer':
        P.put('paper', .8, p_rrect(L / 2, W / 2, .25, 4), 0, 0, 0, L)
        P.put('pe', .92, p_rrect(L / 2 - 3, W / 2 - 3, .25, 4), 0, 0, 0, L)
        return
    t = 4.0
    P.put('cellulose', .15, p_box(L / 2, W / 2, 2 * t), 0, 0, 0, L)
    P.put('cellulose', .15, p_box(L / 4, W / 2, 2 * t), -L / 4, 0, 0, L)      # overlapping flaps
    P.put('cellulose', .15, p_box(L / 4, W / 2, 2 * t), L / 4, 0, 0, L)
    for s in (-1, 1):
        P.put('cellulose', .15, p_box(L / 2, t / 2, H), 0, s * (W / 2 - t / 2), 0, L)
        P.put('cellulose', .15, p_box(t / 2, W / 2 - t, H), s * (L / 2 - t / 2), 0, 0, W)
    P.put('pe', .9, p_box(L / 2 + 20, 25, .1), 0, 0, 0, L)

def clothes(P):
    rng = P.rng
    a, b = rng.uniform(90, 170), rng.uniform(80, 140)
    a, b = min(a, P.L / 2 - 10), min(b, P.W / 2 - 10)
    if a < 30 or b < 30:
        return
    u, v, phi = P.spot(a, b)
    mat = rng.choice(['cellulose', 'pet', 'wool', 'nylon'])
    h = rng.uniform(.4, .9) * min(70, P.H)
    P.put(str(mat), rng.uniform(.2, .4), p_tex(p_rrect(a, b, h, 25), rng, 6, .35), u, v, phi, math.hypot(a, b))
    if rng.random() < .4:   # zip: brass teeth in a 6 mm strip
        P.put('brass', 8.5, p_box(rng.uniform(40, 90), 3, .8), u + rng.uniform(-a / 2, a / 2), v, phi + rng.normal(0, .3), 100)
    if rng.random() < .4:   # buttons: plastic discs in a row, or jeans' brass rivets
        plastic = rng.random() < .6
        for k in range(int(rng.integers(4, 8))):
            P.put('pet' if plastic else 'brass', 1.3 if plastic else 8.5, p_disc(6 if plastic else 5, 2.5 if plastic else 1.2, 2 if plastic else 1),
                  u - a / 2 + k * 22, v + b / 3, 0, 10)

def book(P):
    rng = P.rng
    a, b, h = rng.uniform(70, 105), rng.uniform(105, 140), rng.uniform(12, 45)
    if a > P.L / 2 - 6 or b > P.W / 2 - 6:
        a, b = b, a
    if a > P.L / 2 - 6 or b > P.W / 2 - 6:
        return None
    u, v, phi = P.spot(a, b)
    mat = 'paper_coated' if rng.random() < .4 else 'paper'
    P.put(mat, rng.uniform(.75, 1.05), p_box(a, b, min(h, P.H - 6)), u, v, phi, math.hypot(a, b))
    return (u, v, phi, a, b, mat)

def shoes(P):
    rng = P.rng
    if P.L < 220 or P.W < 150:
        return
    sole = 'eva' if rng.random() < .5 else 'rubber_filled'
    for s in (-1, 1):
        u, v = s * P.L / 5, rng.uniform(-P.W / 6, P.W / 6)
        phi = rng.normal(0, .2) + (math.pi if s > 0 and rng.random() < .5 else 0)
        P.put(sole, .25 if sole == 'eva' else 1.15, p_ell(min(140, P.L / 2 - 10), 45, 12 if sole == 'eva' else 6), u, v, phi + math.pi / 2, 150)
        P.put(str(rng.choice(['wool', 'nylon', 'pet'])), 1.0, p_tex(lambda uu, vv: 3 * soft(2 - abs(np.hypot(uu / 130, vv / 42) - 1) * 60) + 1.2 * (np.hypot(uu / 130, vv / 42) < 1), rng, 4, .3),
              u, v, phi + math.pi / 2, 150)
        if rng.random() < .6:
            for k in range(6):
                for t in (-1, 1):
                    P.put('steel', 7.8, p_ring(2, 4, 1.2), u + t * 14 * math.cos(phi), v + (k - 3) * 12, phi, 6)
        if rng.random() < .3:   # steel shank in the sole
            P.put('steel', 7.8, p_box(45, 6, 1.5), u, v, phi + math.pi / 2, 50)

def phone(P):
    rng = P.rng
    a, b = rng.uniform(70, 80), rng.uniform(33, 38)
    u, v, phi = P.spot(a, b)
    r = math.hypot(a, b)
    P.put('glass_alsi', 2.4, p_rrect(a, b, 1.4, 8), u, v, phi, r)
    P.put('al', 2.7, p_rrect(a, b, 6, 8), u, v, phi, r)
    P.put('al', 2.7, p_rrect(a - 1.5, b - 1.5, -5.4, 7), u, v, phi, r)         # frame only: hollow
    P.put('liion', 2.6, p_box(a * .55, b * .8, 5), u - a * .25, v, phi, r)
    P.put('fr4', 1.9, p_box(a * .35, b * .8, 1.2), u + a * .55, v, phi, r)
    for k in range(int(rng.integers(3, 7))):
        P.put('chip', 2.3, p_box(rng.uniform(3, 7), rng.uniform(3, 7), 1.2), u + a * .55 + rng.uniform(-15, 15), v + rng.uniform(-20, 20), phi, 12)
    P.put('steel', 7.8, p_box(6, 5, 1), u + a * .85, v, phi, 10)

def laptop(P):
    rng = P.rng
    a, b = 165, 115
    if P.L / 2 < a + 6 or P.W / 2 < b + 6:
        a, b = b, a
        if P.L / 2 < a + 6 or P.W / 2 < b + 6:
            return
    u, v, phi = P.spot(a, b)
    r = math.hypot(a, b)
    P.put('al', 2.7, p_rrect(a, b, 2.2, 10), u, v, phi, r)
    P.put('glass_alsi', 2.4, p_rrect(a - 8, b - 8, .8, 5), u, v, phi, r)
    P.put('abs', 1.05, p_box(a - 15, b * .5, 4), u, v - b * .3, phi, r)
    for k in range(int(rng.integers(3, 6))):
        P.put('liion', 2.6, p_box(35, 30, 6), u + (k - 2) * 60 * math.cos(phi), v + b * .55, phi, 50)
    P.put('fr4', 1.9, p_box(a * .5, b * .3, 1.4), u, v - b * .1, phi, r)
    for k in range(int(rng.integers(6, 14))):
        P.put('chip', 2.3, p_box(rng.uniform(4, 12), rng.uniform(4, 12), 1.5), u + rng.uniform(-a * .45, a * .45), v + rng.uniform(-b * .35, b * .1), phi, 20)
    P.put('copper', 8.9, p_box(60, 4, 2), u + 40, v - b * .2, phi + .3, 70)

def powerbank(P):
    rng = P.rng
    n = int(rng.integers(2, 7))
    a, b = 35, 10 * n
    u, v, phi = P.spot(a, b)
    P.put('abs', 1.1, p_rrect(a + 3, b + 3, 4, 6), u, v, phi, 80)
    for k in range(n):
        vv = (k - (n - 1) / 2) * 18.5
        x, y, _ = P.at(u, v, phi)
        c, s = math.cos(P.ang + phi), math.sin(P.ang + phi)
        cx, cy = x - vv * s, y + vv * c
        P.S.add('steel', 7.8, lambda uu, w: p_chord(9, 32.5)(uu, w) - p_chord(8.75, 32.5)(uu, w), cx, cy, P.ang + phi, 40)
        P.S.add('liion', 2.6, p_chord(8.6, 32), cx, cy, P.ang + phi, 40)
    P.put('fr4', 1.9, p_box(8, b, 1.2), u + a + 5, v, phi, 60)

def charger(P):
    rng = P.rng
    u, v, phi = P.spot(30, 22)
    P.put('pvc' if rng.random() < .5 else 'abs', 1.3, p_rrect(30, 22, 2.5, 4), u, v, phi, 40)
    P.put('ferrite', 4.8, p_box(9, 8, 14), u - 8, v, phi, 15)
    P.put('copper', 8.9, p_ring(5, 9, 6), u - 8, v, phi, 12)
    P.put('fr4', 1.9, p_box(25, 18, 1.4), u, v, phi, 35)
    P.put('brass', 8.5, p_box(3, 1, 18), u + 30, v - 6, phi, 20)
    P.put('brass', 8.5, p_box(3, 1, 18), u + 30, v + 6, phi, 20)
    cable(P, u, v)

def cable(P, u=None, v=None):
    """a coiled cable: copper cores in PVC, drawn as beads along a wandering loop."""
    rng = P.rng
    if u is None:
        u, v, _ = P.spot(60, 60)
    r0 = rng.uniform(30, 60)
    for t in np.linspace(0, 2 * math.pi * rng.uniform(2, 4), 160):
        rr = r0 * (1 + .15 * math.sin(3 * t)) + rng.normal(0, 3)
        uu, vv = u + rr * math.cos(t), v + .7 * rr * math.sin(t)
        if abs(uu) < P.L / 2 - 5 and abs(vv) < P.W / 2 - 5:
            P.put('pvc', 1.35, p_ell(2.6, 2.6, 2.6), uu, vv, 0, 4)
            P.put('copper', 8.9, p_ell(.8, .8, .8), uu, vv, 0, 2)

def cans(P):
    rng = P.rng
    n = int(rng.integers(1, 5))
    steel = rng.random() < .4
    r, a = (rng.uniform(37, 50), rng.uniform(30, 55)) if steel else (33, 57)
    for k in range(n):
        u, v, phi = P.spot(a, r)
        wall = .2 if steel else .1
        if rng.random() < .5:      # lying
            P.put('steel' if steel else 'al', 7.8 if steel else 2.7, lambda uu, vv: p_chord(r, a)(uu, vv) - p_chord(r - wall, a - wall)(uu, vv), u, v, phi, a + r)
            P.put('food' if steel else 'drink', 1.03, p_chord(r - wall, a - 3), u, v, phi, a + r)
        else:                      # standing
            P.put('steel' if steel else 'al', 7.8 if steel else 2.7, lambda uu, vv: p_ring(r - wall, r, 2 * a)(uu, vv) + 2 * wall * (np.hypot(uu, vv) < r - wall), u, v, 0, r + 2)
            P.put('food' if steel else 'drink', 1.03, p_ring(0, r - wall, 2 * a - 8), u, v, 0, r + 2)

def bottle(P):
    rng = P.rng
    kind = rng.choice(['pet', 'glass', 'shampoo'])
    if kind == 'pet':
        r, a, wall, shell, liquid = rng.uniform(32, 45), rng.uniform(95, 150), .3, 'pet', 'water'
    elif kind == 'glass':
        r, a, wall, shell, liquid = 37, 150, 3.5, 'glass', 'wine'
    else:
        r, a, wall, shell, liquid = rng.uniform(22, 30), rng.uniform(60, 90), 1.0, 'pe', 'shampoo'
    if a > P.L / 2 - 8:
        a = P.L / 2 - 8
    if a < 40 or r > P.W / 2 - 8:
        return
    u, v, phi = P.spot(a, r)
    rho = {'pet': 1.38, 'glass': 2.5, 'pe': .95}[shell]
    P.put(shell, rho, lambda uu, vv: p_chord(r, a)(uu, vv) - p_chord(r - wall, a - wall)(uu, vv), u, v, phi, a + r)
    P.put(liquid, 1.0, p_chord(r - wall, a - wall - 25), u - 12, v, phi, a + r)

def cosmetics(P):
    rng = P.rng
    for k in range(int(rng.integers(2, 6))):
        c = rng.choice(['jar', 'tube', 'lipstick', 'perfume', 'polish', 'compact'])
        if c == 'jar':
            r = rng.uniform(25, 40)
            u, v, _ = P.spot(r, r)
            glass = rng.random() < .5
            P.put('glass' if glass else 'pe', 2.5 if glass else .95, p_ring(r - (3 if glass else 1.5), r, 50), u, v, 0, r + 2)
            P.put('cream', 1.0, p_ring(0, r - 3, 40), u, v, 0, r + 2)
        elif c == 'tube':
            u, v, phi = P.spot(70, 20)
            P.put('pe', .95, p_ell(70, 20, 1), u, v, phi, 75)
            P.put('cream', 1.0, p_ell(60, 18, 10), u, v, phi, 75)
        elif c == 'lipstick':
            u, v, phi = P.spot(38, 10)
            brass = rng.random() < .5
            P.put('brass' if brass else 'al', 8.5 if brass else 2.7, lambda uu, vv: p_chord(10, 38)(uu, vv) - p_chord(9.4, 38)(uu, vv), u, v, phi, 40)
            P.put('cream', .95, p_chord(6, 20), u + 10, v, phi, 30)
        elif c == 'perfume':
            u, v, phi = P.spot(45, 35)
            P.put('glass', 2.5, p_rrect(45, 35, 60, 8), u, v, phi, 60)
            P.put('glass', -2.5, p_rrect(38, 28, 46, 6), u, v, phi, 60)
            P.put('perfume', .85, p_rrect(38, 28, 40, 6), u, v, phi, 60)
        elif c == 'polish':
            u, v, phi = P.spot(15, 15)
            P.put('glass', 2.5, p_ring(12, 15, 45), u, v, 0, 17)
            P.put('perfume', 1.0, p_ring(0, 12, 35), u, v, 0, 17)
            P.put('steel', 7.8, p_ell(3.5, 3.5, 3.5), u + 4, v, 0, 5)
        else:                   # pressed powder compact: a mineral powder pan in a plastic case
            u, v, phi = P.spot(40, 40)
            P.put('abs', 1.05, p_ring(0, 40, 6), u, v, 0, 42)
            P.put('makeup_powder', 1.6, p_ring(0, 30, 4), u, v, 0, 32)

def food(P):
    rng = P.rng
    c = rng.choice(['pasta', 'rice', 'chocolate_bar', 'tea'])
    if c in ('pasta', 'rice'):
        a, b = (100, 40) if c == 'pasta' else (80, 55)
        u, v, phi = P.spot(a, b)
        P.put('starch', .5 if c == 'pasta' else .85, p_tex(p_pillow(a, b, 50), rng, 2 if c == 'rice' else 5, .25), u, v, phi, a + b)
    elif c == 'chocolate_bar':
        u, v, phi = P.spot(75, 38)
        P.put('chocolate', 1.3, p_box(75, 38, 10), u, v, phi, 90)
        P.put('al', 2.7, p_box(76, 39, .03), u, v, phi, 90)
    else:
        u, v, _ = P.spot(40, 40)
        P.put('steel', 7.8, p_ring(39.6, 40, 120), u, v, 0, 42)
        P.put('cellulose', .35, p_ring(0, 39.6, 100), u, v, 0, 42)

def filler(P):
    """crumpled paper or air pillows in the gaps"""
    rng = P.rng
    if rng.random() < .5:
        P.put('paper', .03, p_tex(p_rrect(P.L / 2 - 6, P.W / 2 - 6, P.H * .8, 10), rng, 8, .7), 0, 0, 0, P.L)
    else:
        for k in range(int(rng.integers(3, 10))):
            u, v, phi = P.spot(70, 50)
            P.put('pe', .92, p_ring(0, 50, .1), u, v, 0, 55)

# hard negatives -------------------------------------------------------------------------------------------------
def pile_positions(rng, n, a, b, heap=True):
    """n positions in an ellipse of half axes a, b; a heap gathers them toward the middle."""
    out = []
    while len(out) < n:
        if heap:
            x, y = rng.normal(0, a / 2), rng.normal(0, b / 2)
        else:
            x, y = rng.uniform(-a, a), rng.uniform(-b, b)
        if (x / a) ** 2 + (y / b) ** 2 <= 1:
            out.append((x, y))
    return out

def tulip_bulbs(P):
    rng = P.rng
    n = int(rng.integers(8, 26))
    a = b = 18 * math.sqrt(n) * .75
    a, b = min(a, P.L / 2 - 25), min(b, P.W / 2 - 25)
    if a < 20 or b < 20:
        return
    u, v, phi = P.spot(a + 18, b + 18)
    P.put('pe', .95, p_tex(p_ell(a + 15, b + 15, 1.0), rng, 3, 1.5), u, v, phi, a + b + 30)   # net bag
    for (x, y) in pile_positions(rng, n, a, b, heap=False):
        r = rng.uniform(12, 20)
        P.put('bulb', 1.05, p_ell(r, r * rng.uniform(.8, 1.0), r * rng.uniform(.9, 1.2)), u + x, v + y, rng.uniform(0, 6.3), r + 2)
        P.put('cellulose', .6, p_ring(r * .96, r * 1.02, 2 * r * .7), u + x, v + y, 0, r + 3)          # dry tunic

def vitamins(P, kind=None, drug=None):
    """an HDPE bottle of 60-150 tablets (calcium, multivitamin or vitamin C), standing or lying; with drug set,
    it holds ecstasy pills instead (a concealment)."""
    rng = P.rng
    r, a = rng.uniform(26, 36), rng.uniform(45, 65)
    kind = kind or rng.choice(['vit_calcium', 'vit_multi', 'vit_c'])
    P.note = str(kind)
    standing = rng.random() < .5
    u, v, phi = P.spot(a if not standing else r, r)
    if standing:
        P.put('pe', .95, lambda uu, vv: p_ring(r - 1.2, r, 2 * a)(uu, vv) + 2.4 * (np.hypot(uu, vv) < r), u, v, 0, r + 2)
    else:
        P.put('pe', .95, lambda uu, vv: p_chord(r, a)(uu, vv) - p_chord(r - 1.2, a - 1.2)(uu, vv), u, v, phi, a + r)
    if drug is None:
        oblong = rng.random() < .5
        d = rng.uniform(10, 16)
        mass = rng.uniform(.6, 1.4) if kind != 'vit_c' else rng.uniform(.6, 1.1)
        rho = 1.45 if kind != 'vit_c' else 1.35
        n = int(rng.integers(60, 151))
        mat = kind
    else:
        mat, d, mass, rho, n, oblong = drug['mat'], drug['d'], drug['mass'], drug['rho'], drug['n'], False
    vol = mass / rho * 1000                                  # mm^3
    if oblong:
        la, lb = d * .95, d * .42
        tc = vol / (math.pi * la * lb * .8)
    else:
        la = lb = d / 2
        tc = vol / (math.pi * la * la * .8)
    mask = np.zeros(P.S.shape, bool) if drug is not None else None
    lo = 0
    per_layer = max(1, int((2 * a * 2 * r if not standing else math.pi * r * r) / (math.pi * la * lb) * .55))
    for k in range(n):
        if standing:
            ang, q = rng.uniform(0, 6.3), (r - 2 - la) * math.sqrt(rng.random())
            x, y = q * math.cos(ang), q * math.sin(ang)
        else:
            x, y = rng.uniform(-(a - 3 - la), a - 3 - la), rng.uniform(-(r - 3 - lb), r - 3 - lb) * (.6 + .4 * rng.random())
            x, y = (x * math.cos(phi) - y * math.sin(phi), x * math.sin(phi) + y * math.cos(phi))
        tilt = abs(math.cos(rng.uniform(0, 1.4))) if rng.random() < .5 else 1.0    # a tablet on its edge looks narrower
        lo += P.put(mat, rho, p_tablet(la, lb * tilt, tc / max(tilt, .35)), u + x, v + y, rng.uniform(0, 6.3), la + 2, mask=mask)
    if drug is None:
        P.S.add('silica', .8, p_rrect(10, 15, 8, 3), *P.at(u, v, 0)[:2], 0, 20)        # desiccant sachet
    return mask, lo, per_layer

def sweets(P):
    rng = P.rng
    c = rng.choice(['hard_candy', 'gummies', 'lentils', 'dextrose'])
    P.note = str(c)
    if c == 'lentils':       # chocolate lentils 12-15 mm, ~1 g, 100-300 of them in a bag or cardboard tubes
        n, d, t, mat, rho = int(rng.integers(100, 300)), rng.uniform(12, 15), 6.5, 'chocolate', 1.25
    elif c == 'dextrose':    # compressed dextrose tablets 15-22 mm in rolls / a bag
        n, d, t, mat, rho = int(rng.integers(30, 90)), rng.uniform(15, 22), 5.5, 'sugar', 1.4
    elif c == 'gummies':
        n, d, t, mat, rho = int(rng.integers(40, 120)), 18, 10, 'gummy', 1.3
    else:
        n, d, t, mat, rho = int(rng.integers(30, 80)), rng.uniform(16, 24), 12, 'sugar', 1.5
    a = b = math.sqrt(n) * d * .55
    a, b = min(a * 1.3, P.L / 2 - 10), min(b, P.W / 2 - 10)
    if a < 20 or b < 20:
        return
    u, v, phi = P.spot(a, b)
    P.put('pe', .92, p_rrect(a + 8, b + 8, .15, 6), u, v, phi, a + b + 10)
    for (x, y) in pile_positions(rng, n, a, b, heap=rng.random() < .5):
        if c == 'gummies':
            P.put(mat, rho, p_ell(d / 2, d / 3, t / 2), u + x, v + y, rng.uniform(0, 6.3), d)
        elif c == 'hard_candy':
            P.put(mat, rho, p_ell(d / 2, d / 2.6, t / 2), u + x, v + y, rng.uniform(0, 6.3), d)
            P.put('pe', .9, p_box(d / 2 + 6, d / 2.6, .05), u + x, v + y, rng.uniform(0, 6.3), d + 8)
        else:
            P.put(mat, rho, p_disc(d / 2, t, t * .55), u + x, v + y, 0, d)

def coffee(P, cavity=None):
    rng = P.rng
    c = rng.choice(['beans', 'ground', 'capsules'])
    P.note = str(c)
    if c == 'beans':         # 250-1000 g of beans (0.65 g/cm^3 each, 0.38 bulk) in a bag with a foil layer
        g = float(rng.choice([250, 500, 1000]))
        a, b = 60 * (g / 250) ** .4, 40 * (g / 250) ** .3
        u, v, phi = P.spot(a, b)
        P.put('pet', 1.3, p_rrect(a + 5, b + 5, .15, 6), u, v, phi, a + b)
        P.put('al', 2.7, p_rrect(a + 5, b + 5, .02, 6), u, v, phi, a + b)
        nb = int(g / .14)
        pos = pile_positions(rng, min(nb // 5, 1800), a, b, heap=False)
        for (x, y) in pos:       # each drawn bean stands for the five beans behind it (their thickness summed)
            P.put('coffee', .65, p_ell(5, 3.6, 2.6 * 5), u + x, v + y, rng.uniform(0, 6.3), 6)
        return ('beans', u, v, phi, a, b)
    if c == 'ground':        # vacuum brick
        g = float(rng.choice([250, 500]))
        a, b = (45, 32) if g == 250 else (55, 40)
        u, v, phi = P.spot(a, b)
        P.put('coffee', .6, p_box(a, b, 1), u, v, phi, a + b, grams=g)
        P.put('al', 2.7, p_box(a, b, .05), u, v, phi, a + b)
        return ('ground', u, v, phi, a, b)
    n = int(rng.integers(10, 31))  # aluminium capsules, 5 g each
    u, v, phi = P.spot(100, 60)
    P.put('cellulose', .7, p_box(100, 60, 1.0), u, v, phi, 120)
    for k in range(n):
        x, y = (k % 5 - 2) * 38, (k // 5 - 2.5) * 20
        P.put('al', 2.7, p_ring(0, 18.5, .25), u + x * .5, v + y * .5, 0, 20)
        P.put('coffee', .6, p_ring(0, 16, 10), u + x * .5, v + y * .5, 0, 18)
    return ('capsules', u, v, phi, 100, 60)

# concealments ---------------------------------------------------------------------------------------------------
def tablets(P, grams, host):
    rng = P.rng
    mat = drug_tablet(rng)
    d, mass, rho = rng.uniform(7, 11), rng.uniform(.22, .45), rng.uniform(1.2, 1.35)
    n = max(1, int(round(grams / mass)))
    mask = np.zeros(P.S.shape, bool)
    if host == 'vitamin_bottle':     # a bottle holds up to about 150 g of pills
        n = min(n, int(150 / mass))
        m, g, _ = vitamins(P, drug=dict(mat=mat, d=d, mass=mass, rho=rho, n=n))
        return m, g, 'in a vitamin bottle'
    vol = mass / rho * 1000
    tc = vol / (math.pi * (d / 2) ** 2 * .8)
    style = rng.choice(['slab', 'blister', 'pile'])
    if style == 'pile':      # loose pile in a plastic bag (or among clothes: host 'clothes' covers it)
        a = b = math.sqrt(n) * d * .5
        a, b = min(a, P.L / 2 - 12), min(b, P.W / 2 - 12)
        u, v, phi = P.spot(a, b)
        P.put('pe', .92, p_rrect(a + 6, b + 6, .12, 5), u, v, phi, a + b + 8, mask=None)
        g = 0
        for (x, y) in pile_positions(rng, n, a, b, heap=True):
            tilt = 1.0 if rng.random() < .7 else abs(math.cos(rng.uniform(0, 1.3)))
            g += P.put(mat, rho, p_tablet(d / 2, d / 2 * tilt, tc / max(tilt, .35)), u + x, v + y, rng.uniform(0, 6.3), d, mask=mask)
        return mask, g, 'loose pile'
    layers = int(rng.integers(1, 4))
    per = math.ceil(n / layers)
    cols = max(1, int(math.sqrt(per * 1.5)))
    rows = math.ceil(per / cols)
    pitch = d * (1.18 if style == 'blister' else 1.03)
    a, b = cols * pitch / 2 + 3, rows * pitch / 2 + 3
    if a > P.L / 2 - 10 or b > P.W / 2 - 10:
        cols, rows = rows, cols
        a, b = b, a
    u, v, phi = P.spot(a, b)
    g = 0
    for lay in range(layers):
        off = (lay % 2) * pitch / 2
        k = 0
        for i in range(rows):
            for j in range(cols):
                if k >= per or lay * per + k >= n:
                    break
                k += 1
                x = -a + 3 + pitch / 2 + j * pitch + off * (i % 2 == 0) + rng.normal(0, .6)
                y = -b + 3 + pitch / 2 + i * pitch + off + rng.normal(0, .6)
                c, s = math.cos(phi), math.sin(phi)
                g += P.put(mat, rho, p_disc(d / 2, tc, tc * .6), u + x * c - y * s, v + x * s + y * c, 0, d, mask=mask)
        if style == 'blister':   # PVC blister film (0.25 mm formed over each tablet) + 20 um aluminium lid
            P.put('pvc', 1.38, p_box(a, b, .6), u, v, phi, a + b)
            P.put('al', 2.7, p_box(a, b, .02), u, v, phi, a + b)
    if style == 'slab':
        P.put('pe', .92, p_rrect(a + 4, b + 4, .2, 4), u, v, phi, a + b + 8)
    return mask, g, 'blister slab' if style == 'blister' else 'vacuum slab'

def powder(P, grams, host, hostinfo):
    rng = P.rng
    mat, drug = drug_powder(rng)
    rho = rng.uniform(1.0, 1.3)
    flat = rng.random() < .55
    mask = np.zeros(P.S.shape, bool)
    h = rng.uniform(12, 30) if flat else rng.uniform(25, 50)
    area = grams / rho * 1000 / (h * (.85 if flat else .55))       # mm^2
    ratio = rng.uniform(1.0, 2.0)
    a, b = math.sqrt(area * ratio) / 2, math.sqrt(area / ratio) / 2
    if flat:
        shape = p_flatbag(a, b, h, 10)
    else:
        a, b = a * 1.15, b * 1.15
        shape = p_pillow(a, b, h)
    where = 'free'
    if host == 'book' and hostinfo is not None:
        bu, bv, bphi, ba, bb, bmat = hostinfo
        if ba > a + 12 and bb > b + 12:   # cut into the pages: the removed paper is where the bag sits
            u, v, phi = bu, bv, bphi
            P.put(bmat, -.9, p_box(a + 2, b + 2, min(h * .8, 35)), u, v, phi, a + b + 5)
            where = 'in a book'
    if host == 'coffee' and hostinfo is not None and hostinfo[0] != 'capsules':
        _, u, v, phi, ca, cb = hostinfo
        a, b = min(a, ca * .8), min(b, cb * .8)
        shape = p_pillow(a, b, h) if not flat else p_flatbag(a, b, h, 10)
        P.put('coffee', -.38, shape, u, v, phi, a + b)
        where = 'in a coffee bag'
    if where == 'free':
        if a > P.L / 2 - 10 or b > P.W / 2 - 10:
            a, b = b, a
            shape = p_flatbag(a, b, h, 10) if flat else p_pillow(a, b, h)
        u, v, phi = P.spot(a, b)
        where = 'among the contents' if host != 'clothes' else 'wrapped in clothes'
        if host == 'clothes':
            P.put('cellulose', .3, p_tex(p_rrect(a + 25, b + 25, 25, 15), rng, 5, .3), u, v, phi, a + b + 40)
    g = P.put(mat, rho, shape, u, v, phi, a + b + 5, grams=grams, mask=mask)
    P.put('pe', .92, p_rrect(a, b, .25, 5), u, v, phi, a + b + 5)
    if rng.random() < .3:      # wrapped in tape and carbon paper
        P.put('pvc', 1.3, p_rrect(a + 2, b + 2, .3, 5), u, v, phi, a + b + 5)
        P.put('cellulose', 1.0, p_rrect(a + 2, b + 2, .1, 5), u, v, phi, a + b + 5)
    return mask, g, f'{"flat" if flat else "pillow"} {drug} bag {where}'

# ---------------------------------------------------------------------------------------------------------------
BOXES = [('mailer', (300, 360), (220, 270), (25, 50)), ('small', (200, 300), (150, 220), (80, 150)),
         ('medium', (350, 450), (250, 330), (150, 250)), ('large', (500, 650), (350, 450), (250, 400)),
         ('shoebox', (300, 340), (180, 210), (100, 130))]
ITEMS = [(clothes, 4), (book, 2), (shoes, 1), (phone, 1), (laptop, .5), (powerbank, .7), (charger, .8), (cable, .5),
         (cans, 1), (bottle, 1), (cosmetics, 1), (food, 1)]
NEGATIVES = [('tulip_bulbs', tulip_bulbs), ('vitamins', vitamins), ('sweets', sweets), ('coffee', coffee)]

def make_parcel(sc, rng, concealed):
    kind, (l0, l1), (w0, w1), (h0, h1) = BOXES[rng.choice(len(BOXES), p=[.15, .25, .3, .15, .15])]
    L, W, H = rng.uniform(l0, l1), rng.uniform(w0, w1), rng.uniform(h0, h1)
    tunnel = sc['tunnel_mm']
    if W > tunnel - 120:
        W = tunnel - 120
    ang = rng.normal(0, .2) if rng.random() < .7 else rng.uniform(-.8, .8)
    ext_x = abs(L * math.cos(ang)) + abs(W * math.sin(ang))
    ext_y = abs(L * math.sin(ang)) + abs(W * math.cos(ang))
    if ext_y > tunnel - 60:
        ang = 0.0
        ext_x, ext_y = L, W
    width = ext_x + rng.uniform(150, 350)
    S = Scene(tunnel, width, sc['py'] / 2, sc['px'] / 2)
    cx = rng.uniform(ext_x / 2 + 60, width - ext_x / 2 - 60)
    belt_lo, belt_hi = 35.0, tunnel - 35.0
    cy = rng.uniform(belt_lo + ext_y / 2 + 5, max(belt_lo + ext_y / 2 + 6, belt_hi - ext_y / 2 - 5))
    P = Parcel(sc, rng, L, W, H, cx, cy, ang)
    P.S = S
    mat, rho, t = sc['belt']
    S.add(mat, rho, p_box(width, (belt_hi - belt_lo) / 2, t), width / 2, (belt_lo + belt_hi) / 2, 0, width + tunnel)
    if sc.get('rail'):
        S.add('steel', 7.8, p_box(width, 9, 14), width / 2, tunnel - 9, 0, width + 20)
    box(P, kind)
    book_info = None
    coffee_info = None
    n_items = max(1, int(rng.integers(1, 3) + (L * W) / 40000))
    if kind == 'shoebox':
        shoes(P)
        n_items = 0 if rng.random() < .6 else 1
    for _ in range(n_items):
        f = ITEMS[rng.choice(len(ITEMS), p=np.array([w for _, w in ITEMS]) / sum(w for _, w in ITEMS))][0]
        r = f(P)
        if f is book and r is not None:
            book_info = r
    if rng.random() < .4:
        filler(P)
    negs = []
    for k in range(2):
        if rng.random() < (.6 if k == 0 else .2):
            name, f = NEGATIVES[rng.integers(len(NEGATIVES))]
            P.note = ''
            r = f(P)
            negs.append(f'{name}:{P.note}' if P.note else name)
            if name == 'coffee':
                coffee_info = r
    truth = dict(box=kind, negatives='+'.join(negs), concealment='', grams='', how='')
    mask = None
    if concealed:
        grams = float(np.exp(rng.uniform(math.log(50), math.log(500))))
        ck = 'tablets' if rng.random() < .5 else 'powder'
        if ck == 'tablets':
            host = rng.choice(['free', 'clothes', 'vitamin_bottle'], p=[.55, .25, .2])
            if host == 'clothes':
                clothes(P)
            mask, g, how = tablets(P, grams, host)
        else:
            host = rng.choice(['free', 'clothes', 'book', 'coffee'], p=[.45, .25, .15, .15])
            if host == 'book' and book_info is None:
                book_info = book(P)
            if host == 'coffee' and (coffee_info is None or coffee_info[0] == 'capsules'):
                coffee_info = coffee(P)
            mask, g, how = powder(P, grams, host, book_info if host == 'book' else coffee_info)
        truth.update(concealment=ck, grams=f'{g:.0f}', how=how)
    return S, truth, mask

def render(S, sc, rng):
    """fine maps -> per-channel normalised signal and its variance factor -> pixels of the scanner's pitch, with
    quantum noise, scintillator blur, tube output flicker per line, detector gain residue and read noise."""
    chans = channels(sc)
    s = [np.zeros(S.shape, np.float32) for _ in chans]
    g = [np.zeros(S.shape, np.float32) for _ in chans]
    mus = {k: S.mu(k) for k in S.maps}
    for e in range(len(EB)):
        A = np.zeros(S.shape, np.float32)
        for k, m in S.maps.items():
            A += np.float32(mus[k][e]) * np.maximum(m, 0)
        T = np.exp(-A)
        for c, (w, u) in enumerate(chans):
            s[c] += np.float32(w[e]) * T
            g[c] += np.float32(u[e]) * T
    H, W = S.shape[0] // 2, S.shape[1] // 2
    out = []
    flick = rng.normal(0, .002, W)                       # tube output per line (shared by a sandwich's channels)
    for c in range(len(chans)):
        sb = s[c][:2 * H, :2 * W].reshape(H, 2, W, 2).mean(axis=(1, 3))
        gb = g[c][:2 * H, :2 * W].reshape(H, 2, W, 2).mean(axis=(1, 3))
        q = sc['q'] * (1.0 if c == 0 else .55)           # the low channel counts fewer quanta
        meas = sb + rng.normal(size=sb.shape) * np.sqrt(gb / q)
        meas = gaussian_filter(meas, (sc['blur'], sc['blur'] * .7))
        f = flick if sc['kind'] == 'sw' or c == 0 else rng.normal(0, .002, W)
        gain = 1 + rng.normal(0, sc['gain'], H)
        v = sc['open'][c] * meas * (1 + f[None, :]) * gain[:, None] + rng.normal(0, sc['enoise'], meas.shape)
        out.append(np.clip(np.round(v), 0, 65535).astype(np.uint16))
    return out

def main():
    a = sys.argv[1:]
    if len(a) < 4:
        print(__doc__)
        sys.exit(2)
    outdir, n_clean, n_conc, seed = a[0], int(a[1]), int(a[2]), int(a[3])
    scs = a[a.index('--scanners') + 1].split(',') if '--scanners' in a else ['A', 'B', 'C']
    crop = '--crop' in a
    os.makedirs(outdir, exist_ok=True)
    rows = []
    for k in range(n_clean + n_conc):
        conc = k >= n_clean
        rng = np.random.default_rng([seed, k])
        sc = SCANNERS[scs[k % len(scs)]]
        S, truth, mask = make_parcel(sc, rng, conc)
        hi, lo = render(S, sc, rng)
        box_px = ('', '', '', '')
        if mask is not None and mask.any():
            ii, jj = np.nonzero(mask)
            box_px = (jj.min() // 2, ii.min() // 2, (jj.max() + 2) // 2, (ii.max() + 2) // 2)
        if crop:
            cols = np.nonzero((hi < sc['open'][0] * .9).sum(0) > 3)[0]
            j0, j1 = max(0, cols.min() - int(60 / sc['px'])), min(hi.shape[1], cols.max() + int(60 / sc['px']))
            hi, lo = hi[:, j0:j1], lo[:, j0:j1]
            if box_px[0] != '':
                box_px = (box_px[0] - j0, box_px[1], box_px[2] - j0, box_px[3])
        name = f'parcel{k:04d}'
        tag = dict(dpi=(25.4 / sc['px'], 25.4 / sc['py'])) if '--pitch-tag' in a else {}
        Image.fromarray(hi).save(os.path.join(outdir, name + '_high.png'), **tag)
        Image.fromarray(lo).save(os.path.join(outdir, name + '_low.png'), **tag)
        rows.append(dict(file=name + '_high.png', low_file=name + '_low.png', kind='parcel', scanner=sc['name'],
                         concealed=int(conc), conc_kind=truth['concealment'], grams=truth['grams'], how=truth['how'],
                         box=truth['box'], negatives=truth['negatives'],
                         x0=box_px[0], y0=box_px[1], x1=box_px[2], y1=box_px[3], width=hi.shape[1], height=hi.shape[0]))
        print(name, sc['name'], truth['box'], truth['negatives'] or '-', truth['concealment'] or 'clean', truth['grams'], truth['how'], file=sys.stderr)
    with open(os.path.join(outdir, 'truth.csv'), 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(outdir, 'list.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['file', 'low_file', 'kind'])
        for r in rows:
            w.writerow([r['file'], r['low_file'], 'parcel'])

if __name__ == '__main__':
    main()

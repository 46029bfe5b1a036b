#!/usr/bin/python3
"""Writes the scan-format fixtures with implementations independent of Portcullis: pydicom (DICOM),
Pillow with libtiff (TIFF), Pillow and zlib (PNG). Every file gets a .json sidecar whose expected
values come from this script's numpy arrays, read back through pydicom or Pillow, never from the
reader under test. Run with Debian's python: /usr/bin/python3 make_fixtures.py (writes next to itself).
"""
import json
import os
import struct
import zlib

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from PIL import Image, PngImagePlugin, TiffImagePlugin

HERE = os.path.dirname(os.path.abspath(__file__))
W, H = 64, 40
POINTS = [(0, 0), (W - 1, 0), (0, H - 1), (W - 1, H - 1), (17, 11), (40, 25)]


def noise(seed, lo, hi, dtype):
    rng = np.random.default_rng(seed)
    return rng.integers(lo, hi, size=(H, W), endpoint=True).astype(dtype)


def sidecar(name, frames=None, **extra):
    """frames: display-convention arrays (what a reader must return), computed here with numpy."""
    doc = dict(extra)
    if frames is not None:
        doc["rows"] = int(frames[0].shape[0])
        doc["columns"] = int(frames[0].shape[1])
        doc["frames"] = len(frames)
        doc["points"] = [
            {"frame": f, "x": x, "y": y, "value": int(frames[f][y, x])}
            for f in range(len(frames)) for (x, y) in POINTS
        ]
        doc["frameSums"] = [int(fr.astype(np.int64).sum()) for fr in frames]
    with open(os.path.join(HERE, name + ".json"), "w") as out:
        json.dump(doc, out, indent=1, sort_keys=True)
        out.write("\n")


# ---------------------------------------------------------------- DICOM (pydicom)

def base_dataset(ts, pixels, bits_allocated=16, bits_stored=None, high_bit=None, signed=False,
                 photometric="MONOCHROME2", frames=1):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1.1"  # digital X-ray for presentation
    meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.8.498.1"
    meta.TransferSyntaxUID = ts
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.8.498.2"
    ds = Dataset()
    ds.file_meta = meta
    ds.preamble = b"\0" * 128
    ds.is_little_endian = ts != pydicom.uid.ExplicitVRBigEndian
    ds.is_implicit_VR = ts == pydicom.uid.ImplicitVRLittleEndian
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "DX"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    if frames > 1:
        ds.NumberOfFrames = frames
    ds.Rows = H
    ds.Columns = W
    ds.BitsAllocated = bits_allocated
    ds.BitsStored = bits_stored or bits_allocated
    ds.HighBit = high_bit if high_bit is not None else ds.BitsStored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if pixels is not None:
        ds.PixelData = pixels
        ds["PixelData"].VR = "OB" if bits_allocated == 8 else "OW"
    return ds


def save_dicom(name, ds, display=None, **extra):
    path = os.path.join(HERE, name + ".dcm")
    ds.save_as(path, write_like_original=False)
    if display is None:
        sidecar(name + ".dcm", None, **extra)
        return
    # Read back with pydicom's own pixel handler: the array it decodes is what we expect.
    back = pydicom.dcmread(path).pixel_array
    frames = [back] if back.ndim == 2 else [back[i] for i in range(back.shape[0])]
    sidecar(name + ".dcm", [display(f) for f in frames], **extra)


def unsigned_display(bits_stored):
    mask = (1 << bits_stored) - 1
    return lambda a: (a.astype(np.int64) & mask)


ident = unsigned_display(16)

# Explicit VR little endian, time with a timezone offset, both spacings.
px = noise(1, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, px.tobytes())
ds.PixelSpacing = ["0.5", "0.75"]  # row spacing (y) \ column spacing (x)
ds.ImagerPixelSpacing = ["0.6", "0.8"]
ds.StationName = "RTM-EUROMAX-1"
ds.AcquisitionDateTime = "20261105143000"
ds.TimezoneOffsetFromUTC = "+0100"
ds.KVP = "6000"
save_dicom("explicit_le", ds, ident, transferSyntax="1.2.840.10008.1.2.1", scanner="RTM-EUROMAX-1",
           acquiredAt="2026-11-05T13:30:00+00:00", pixelSpacingX=0.75, pixelSpacingY=0.5, energy="6000 kV")

# Implicit VR little endian, date and time in two elements, no offset (so UTC).
px = noise(2, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ImplicitVRLittleEndian, px.tobytes())
ds.AcquisitionDate = "20261105"
ds.AcquisitionTime = "143000.25"
ds.ImagerPixelSpacing = ["0.6", "0.8"]
save_dicom("implicit_le", ds, ident, transferSyntax="1.2.840.10008.1.2",
           acquiredAt="2026-11-05T14:30:00.25+00:00", pixelSpacingX=0.8, pixelSpacingY=0.6)

# Explicit VR big endian: refused.
px = noise(3, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ExplicitVRBigEndian, px.astype(">u2").tobytes())
save_dicom("big_endian", ds, None, error="big endian")

# JPEG 2000 (encapsulated): refused by its transfer syntax, before the fragments are read.
ds = base_dataset(pydicom.uid.JPEG2000Lossless, encapsulate([b"\xff\x4f\xff\x51" + b"\0" * 60]))
ds["PixelData"].VR = "OB"
ds["PixelData"].is_undefined_length = True
save_dicom("jpeg2000", ds, None, error="1.2.840.10008.1.2.4.90")

# MONOCHROME1: low is bright; a reader inverts over the stored bit range.
px = noise(4, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, px.tobytes(), photometric="MONOCHROME1")
save_dicom("monochrome1", ds, lambda a: 65535 - a.astype(np.int64), inverted=True)

# Signed pixels with rescale: shifted by 32768 into the unsigned range.
px = noise(5, -32768, 32767, np.int16)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, px.tobytes(), signed=True)
ds.RescaleSlope = "0.5"
ds.RescaleIntercept = "-1024"
save_dicom("signed_rescale", ds, lambda a: a.astype(np.int64) + 32768, signedSource=True,
           rescaleSlope=0.5, rescaleIntercept=-1024.0)

# 12 bits stored in 16, high bit 11; the four unused high bits carry noise that must be masked away.
stored = noise(6, 0, 4095, np.uint16)
junk = (noise(7, 0, 15, np.uint16) << 12).astype(np.uint16)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, (stored | junk).tobytes(), bits_stored=12, high_bit=11)
save_dicom("bits12", ds, unsigned_display(12), bitsStored=12)

# Dual energy as two frames, one KVP value per frame (low energy first).
low = noise(8, 0, 65535, np.uint16)
high = noise(9, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, np.stack([low, high]).tobytes(), frames=2)
ds.KVP = ["4000", "6000"]
save_dicom("dual_energy", ds, ident, frameEnergies=["4000 kV", "6000 kV"], energy="4000 kV / 6000 kV")


def nested_sequences(implicit):
    inner_item = Dataset()
    inner_item.CodeValue = "X1"
    inner_item.CodeMeaning = "inner"
    inner = Sequence([inner_item])
    outer_item = Dataset()
    outer_item.PatientID = "NOT-THE-SUBJECT"  # inside an item: must not be taken for the top-level one
    outer_item.ConceptNameCodeSequence = inner
    outer_item2 = Dataset()
    outer_item2.CodeValue = "X2"
    return Sequence([outer_item, outer_item2])


# Undefined-length sequences with nested undefined-length items, and a defined-length one, before the pixels.
for name, ts in (("sequences_explicit", pydicom.uid.ExplicitVRLittleEndian),
                 ("sequences_implicit", pydicom.uid.ImplicitVRLittleEndian)):
    px = noise(10, 0, 65535, np.uint16)
    ds = base_dataset(ts, px.tobytes())
    ds.PatientID = "MSCU1234565"
    ds.ContentSequence = nested_sequences(ts == pydicom.uid.ImplicitVRLittleEndian)
    ds["ContentSequence"].is_undefined_length = True
    for item in ds.ContentSequence:
        item.is_undefined_length_sequence_item = True
        if "ConceptNameCodeSequence" in item:
            item["ConceptNameCodeSequence"].is_undefined_length = True
            for inner in item.ConceptNameCodeSequence:
                inner.is_undefined_length_sequence_item = True
    ds.ReferencedImageSequence = Sequence([Dataset()])
    ds.ReferencedImageSequence[0].ReferencedSOPInstanceUID = "1.2.3.4"
    # A private sequence of undefined length: in implicit VR a reader cannot know its VR and must
    # treat an undefined length as a sequence.
    ds.private_block(0x0011, "ACME SCANNER", create=True).add_new(0x01, "SQ", Sequence([Dataset()]))
    ds[0x00111001][0].CodeValue = "P1"
    ds[0x00111001].is_undefined_length = True
    ds[0x00111001][0].is_undefined_length_sequence_item = True
    save_dicom(name, ds, ident, subject="MSCU1234565", subjectTag="(0010,0020)")

# Private tags (implicit VR: unknown to any dictionary, skipped by length).
px = noise(11, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ImplicitVRLittleEndian, px.tobytes())
block = ds.private_block(0x0009, "ACME SCANNER", create=True)
block.add_new(0x01, "OB", bytes(range(200)))
block.add_new(0x02, "LO", "belt speed 0.4 m/s")
block.add_new(0x03, "US", 7)
ds.add_new(0x00191001, "UN", b"\x01\x02\x03\x04")  # private tag without a creator
save_dicom("private_tags", ds, ident)

# Odd-length values: pydicom pads text but writes UN and OW values as given.
px = noise(12, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, px.tobytes())
ds.StationName = "SCAN1"
ds.add_new(0x00091011, "UN", b"\x01\x02\x03")
ds.add_new(0x00091013, "OW", b"\x01\x02\x03\x04\x05")
save_dicom("odd_length", ds, ident, scanner="SCAN1", warning="odd")

# DICOS-like: the container number in Patient ID (the Object of Inspection ID), accession too.
px = noise(13, 0, 65535, np.uint16)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, px.tobytes())
ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.501.2.1"  # DICOS DX for presentation
ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
ds.PatientID = "MSCU1234565"
ds.AccessionNumber = "ACC-77"
ds.StudyID = "S1"
ds.StationName = "RTM-EUROMAX-1"
ds.InstitutionName = "NLRTM"
ds.Manufacturer = "ACME"
ds.KVP = "6000"
ds.AcquisitionDateTime = "20261105143000.000000+0200"
save_dicom("dicos", ds, ident, subject="MSCU1234565", subjectTag="(0010,0020)", scanner="RTM-EUROMAX-1",
           site="NLRTM", energy="6000 kV", acquiredAt="2026-11-05T12:30:00+00:00")

# 8 bits allocated: a preview only.
px = noise(14, 0, 255, np.uint8)
ds = base_dataset(pydicom.uid.ExplicitVRLittleEndian, px.tobytes(), bits_allocated=8)
save_dicom("preview_8bit", ds, unsigned_display(8), preview=True, bitsStored=8)


# ---------------------------------------------------------------- PNG (Pillow, and zlib by hand)

def png_display(path):
    return np.array(Image.open(path)).astype(np.int64)


px16 = noise(20, 0, 65535, np.uint16)
img = Image.frombytes("I;16", (W, H), px16.tobytes())
info = PngImagePlugin.PngInfo()
info.add_text("Container", "MSCU1234565")
info.add_text("Scanner", "RTM-EUROMAX-1")
info.add_text("Site", "NLRTM", zip=True)  # zTXt
info.add_itxt("Energy", "6 MV", lang="en", tkey="Energy")
info.add_text("Time", "2026-11-05T14:30:00+01:00")
info.add_text("Direction", "left-to-right")
info.add_text("Comment", "belt 2")
path = os.path.join(HERE, "gray16.png")
img.save(path, pnginfo=info, dpi=(50.8, 25.4))  # 2000 and 1000 pixels per metre
sidecar("gray16.png", [png_display(path)], subject="MSCU1234565", scanner="RTM-EUROMAX-1", site="NLRTM",
        energy="6 MV", direction="left-to-right", acquiredAt="2026-11-05T13:30:00+00:00",
        pixelSpacingX=0.5, pixelSpacingY=1.0, text={"Comment": "belt 2"})

px8 = noise(21, 0, 255, np.uint8)
path = os.path.join(HERE, "gray8.png")
Image.fromarray(px8, "L").save(path)
sidecar("gray8.png", [png_display(path)], preview=True, bitsStored=8)

path = os.path.join(HERE, "photo.jpg")
Image.fromarray(px8, "L").save(path, quality=90)
sidecar("photo.jpg", [np.array(Image.open(path)).astype(np.int64)], preview=True, bitsStored=8)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_by_hand(width, height, depth, colour, rows):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    raw = b"".join(b"\0" + r for r in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


# 16-bit RGB: colour is refused.
rgb = noise(22, 0, 65535, np.uint16)
rows = [np.repeat(rgb[y], 3).astype(">u2").tobytes() for y in range(H)]
with open(os.path.join(HERE, "rgb16.png"), "wb") as out:
    out.write(png_by_hand(W, H, 16, 2, rows))
sidecar("rgb16.png", None, error="colour")

# A good 16-bit PNG whose IDAT CRC is wrong: rejected with the chunk's offset.
gray_rows = [px16[y].astype(">u2").tobytes() for y in range(H)]
good = png_by_hand(W, H, 16, 0, gray_rows)
idat = good.index(b"IDAT") - 4
length = struct.unpack(">I", good[idat:idat + 4])[0]
crc_at = idat + 8 + length
bad = good[:crc_at] + bytes([good[crc_at] ^ 0xFF]) + good[crc_at + 1:]
with open(os.path.join(HERE, "bad_crc.png"), "wb") as out:
    out.write(bad)
sidecar("bad_crc.png", None, error="CRC", errorOffset=idat)


# ---------------------------------------------------------------- TIFF (Pillow with libtiff)

def tiff_frames(path):
    im = Image.open(path)
    out = []
    for i in range(im.n_frames):
        im.seek(i)
        out.append(np.array(im).astype(np.int64))
    return out


def tags():
    t = TiffImagePlugin.ImageFileDirectory_v2()
    t[270] = "container MSCU1234565"
    t[271] = "ACME"
    t[272] = "Eagle M60"
    t[305] = "scanner firmware 3.1"
    t[306] = "2026:11:05 14:30:00"
    return t


for name, compression in (("gray16", None), ("gray16_deflate", "tiff_adobe_deflate")):
    px = noise(30, 0, 65535, np.uint16)
    img = Image.frombytes("I;16", (W, H), px.tobytes())
    path = os.path.join(HERE, name + ".tif")
    kwargs = {"tiffinfo": tags(), "resolution_unit": 3, "x_resolution": 20, "y_resolution": 10}
    if compression:
        kwargs["compression"] = compression
    img.save(path, **kwargs)  # 20 and 10 pixels per centimetre
    sidecar(name + ".tif", tiff_frames(path), scanner="ACME Eagle M60", acquiredAt="2026-11-05T14:30:00+00:00",
            pixelSpacingX=0.5, pixelSpacingY=1.0,
            text={"ImageDescription": "container MSCU1234565", "Software": "scanner firmware 3.1"})

low = Image.frombytes("I;16", (W, H), noise(31, 0, 65535, np.uint16).tobytes())
high = Image.frombytes("I;16", (W, H), noise(32, 0, 65535, np.uint16).tobytes())
path = os.path.join(HERE, "dual.tif")
low.save(path, save_all=True, append_images=[high], compression="tiff_lzw")
sidecar("dual.tif", tiff_frames(path))

path = os.path.join(HERE, "gray8.tif")
Image.fromarray(noise(33, 0, 255, np.uint8), "L").save(path)
sidecar("gray8.tif", tiff_frames(path), preview=True, bitsStored=8)


def tiff_by_hand(width, height, samples, bits, data, photometric=None, sample_format=None):
    """A minimal little-endian baseline TIFF, one strip, uncompressed."""
    if photometric is None:
        photometric = 2 if samples == 3 else 1
    entries = [
        (256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, bits), (259, 3, 1, 1),
        (262, 3, 1, photometric), (273, 4, 1, 0), (277, 3, 1, samples),
        (278, 4, 1, height), (279, 4, 1, len(data)),
    ]
    if sample_format is not None:
        entries.append((339, 3, 1, sample_format))
    ifd_size = 2 + 12 * len(entries) + 4
    bps_at = 8 + ifd_size
    extra = struct.pack("<" + "H" * samples, *([bits] * samples)) if samples > 1 else b""
    data_at = bps_at + len(extra)
    out = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if tag == 273:
            value = data_at
        if tag == 258 and samples > 1:
            out += struct.pack("<HHII", tag, kind, samples, bps_at)
        elif kind == 3:
            out += struct.pack("<HHIHH", tag, kind, count, value, 0)
        else:
            out += struct.pack("<HHII", tag, kind, count, value)
    return out + struct.pack("<I", 0) + extra + data


with open(os.path.join(HERE, "rgb16.tif"), "wb") as out:
    out.write(tiff_by_hand(W, H, 3, 16, np.repeat(rgb, 3, axis=1).astype("<u2").tobytes()))
sidecar("rgb16.tif", None, error="colour")

# WhiteIsZero (photometric 0): inverted into the display convention.
wiz = noise(34, 0, 65535, np.uint16)
with open(os.path.join(HERE, "white_is_zero.tif"), "wb") as out:
    out.write(tiff_by_hand(W, H, 1, 16, wiz.astype("<u2").tobytes(), photometric=0))
sidecar("white_is_zero.tif", [65535 - wiz.astype(np.int64)], inverted=True)

# Signed 16-bit samples (SampleFormat 2): shifted by 32768.
signed = noise(35, -32768, 32767, np.int16)
with open(os.path.join(HERE, "signed16.tif"), "wb") as out:
    out.write(tiff_by_hand(W, H, 1, 16, signed.astype("<i2").tobytes(), sample_format=2))
sidecar("signed16.tif", [signed.astype(np.int64) + 32768], signedSource=True)

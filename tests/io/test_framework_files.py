"""Loading frameworks from data folders; a third framework needs only a new folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from roadmap.errors import InputError
from roadmap.index import compute_index
from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import (
    available_frameworks,
    framework_folder,
    load_framework,
    load_framework_folder,
)
from roadmap.io.paths import frameworks_dir

BUNDLED = frameworks_dir()


def copy_framework(source: str, target: Path, new_id: str) -> Path:
    """Copy a bundled folder to ``target/new_id`` with ``new_id`` in its framework.json."""
    folder = target / new_id
    shutil.copytree(BUNDLED / source, folder)
    meta_path = folder / "framework.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["id"] = new_id
    meta["title"] = f"Uji {new_id}"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return folder


def edit_csv(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_available_frameworks() -> None:
    assert available_frameworks() == ("pemdi-2026", "spbe-2020")


def test_unknown_framework_id() -> None:
    with pytest.raises(InputError) as info:
        framework_folder("spbe-2019")
    assert str(info.value) == "kerangka 'spbe-2019' tidak dikenal; pilihan: pemdi-2026, spbe-2020"


def test_bundled_frameworks_load() -> None:
    spbe, pemdi = load_framework("spbe-2020"), load_framework("pemdi-2026")
    assert (len(spbe.indicators), len(spbe.groups_of("domain")), len(spbe.groups_of("aspect"))) \
        == (47, 4, 8)
    assert (len(pemdi.indicators), len(pemdi.groups_of("aspect"))) == (20, 7)
    assert spbe.total_weight == pemdi.total_weight == 100
    assert [b.min for b in spbe.predicates] == [0, 1.8, 2.6, 3.5, 4.2]
    assert [b.min for b in pemdi.predicates] == [0, 1.5, 2.5, 3.5, 4.0]
    assert [b.name for b in pemdi.predicates] == [
        "Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"
    ]
    assert pemdi.indicator("I1").aliases == ("IK-01", "IK01", "I01")
    assert pemdi.indicator("I1").code == "1.1"
    assert load_framework("spbe-2020") is spbe  # cached


def test_third_framework_is_a_folder(tmp_path: Path) -> None:
    folder = copy_framework("spbe-2020", tmp_path, "spbe-uji")
    edit_csv(folder / "groups.csv", "Layanan SPBE,45.5", "Layanan Digital,45.5")
    fw = load_framework_folder(folder)
    assert fw.id == "spbe-uji"
    assert fw.title == "Uji spbe-uji"
    assert fw.group("domain", "4").name == "Layanan Digital"
    assert len(fw.indicators) == 47
    result = compute_index(fw, {i: 3.0 for i in fw.indicator_ids})
    assert (result.index, result.predicate) == (pytest.approx(3.0), "Baik")


def test_third_framework_is_usable_by_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data / "frameworks")
    copy_framework("pemdi-2026", data / "frameworks", "pemdi-uji")
    monkeypatch.setenv("ROADMAP_DATA", str(data))
    assert available_frameworks() == ("pemdi-2026", "pemdi-uji", "spbe-2020")
    path = tmp_path / "p.csv"
    path.write_text("indikator;nilai\n" + "".join(f"I{i};2\n" for i in range(1, 21)),
                    encoding="utf-8")
    assert read_assessment(path, "pemdi-uji").framework.title == "Uji pemdi-uji"
    # the same ids now fit two frameworks: detection asks for --framework
    with pytest.raises(InputError, match="cocok untuk pemdi-2026 maupun pemdi-uji"):
        read_assessment(path)


def _broken(tmp_path: Path, file: str, old: str, new: str) -> InputError:
    folder = copy_framework("spbe-2020", tmp_path, "rusak")
    edit_csv(folder / file, old, new)
    with pytest.raises(InputError) as info:
        load_framework_folder(folder)
    assert info.value.file == str(folder)
    return info.value


def test_folder_weights_not_summing(tmp_path: Path) -> None:
    err = _broken(tmp_path, "indicators.csv", "Layanan Publik Sektor 3,4,8,3,",
                  "Layanan Publik Sektor 3,4,8,4,")
    assert "jumlah bobot indikator 101, seharusnya 100" in err.message
    assert "bobot domain 4 (45.5) tidak sama dengan jumlah bobot indikatornya (46.5)" in err.message


def test_folder_duplicate_id(tmp_path: Path) -> None:
    err = _broken(tmp_path, "indicators.csv", "47,47,,Layanan Publik Sektor 3",
                  "46,47,,Layanan Publik Sektor 3")
    assert "id indikator ganda: 46" in err.message


def test_folder_group_weight_mismatch(tmp_path: Path) -> None:
    err = _broken(tmp_path, "groups.csv", "aspect,8,Layanan Publik Berbasis Elektronik,18",
                  "aspect,8,Layanan Publik Berbasis Elektronik,20")
    assert err.message == (
        "kerangka 'rusak' tidak sah: bobot aspect 8 (20) tidak sama dengan jumlah bobot "
        "indikatornya (18)"
    )


def test_folder_bad_weight_text(tmp_path: Path) -> None:
    folder = copy_framework("spbe-2020", tmp_path, "rusak")
    edit_csv(folder / "indicators.csv", "Arsitektur SPBE,2,2,2.5,", "Arsitektur SPBE,2,2,dua,")
    with pytest.raises(InputError) as info:
        load_framework_folder(folder)
    assert (info.value.file, info.value.row, info.value.column) == ("indicators.csv", 12, "weight")


def test_folder_without_framework_json(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="tidak dapat dibaca"):
        load_framework_folder(tmp_path)

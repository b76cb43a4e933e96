"""Stand-ins for the NVIDIA driver and CUDA libraries, built with gcc for fault injection.

Each fake CUDA library has the real soname and dependencies (libcublas.so.12
needs libcublasLt.so.12; cuDNN 9's dispatcher names its sub-libraries in its
read-only data), notes its own loading in the file named by FAKE_LOAD_LOG,
and tells from which file it was loaded (``fake_<name>_where``). The fake
driver (libcuda.so.1) and NVML (libnvidia-ml.so.1) answer with the versions
and GPUs the FAKE_* environment variables choose.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LIBRARY_TEMPLATE = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static void fake_note(void) {
    const char *log = getenv("FAKE_LOAD_LOG");
    if (log) {
        FILE *f = fopen(log, "a");
        if (f) { fprintf(f, "%s\n", "SONAME"); fclose(f); }
    }
}
__attribute__((constructor)) static void fake_loaded(void) { fake_note(); }

/* Library names this one loads by name, as a dispatcher keeps them. */
static const char fake_names[] = NAMES;

const char *IDENT_names(void) { return fake_names; }
const char *IDENT_where(void) {
    Dl_info info;
    if (!dladdr((void *)fake_note, &info) || !info.dli_fname) return "";
    return info.dli_fname;
}
"""

CUDA_DRIVER = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
__attribute__((constructor)) static void fake_loaded(void) {
    const char *log = getenv("FAKE_LOAD_LOG");
    if (log) {
        FILE *f = fopen(log, "a");
        if (f) { fputs("libcuda.so.1\n", f); fclose(f); }
    }
}
static int env_int(const char *name, int fallback) {
    const char *v = getenv(name);
    return v ? atoi(v) : fallback;
}
int cuDriverGetVersion(int *v) { *v = env_int("FAKE_CUDA_DRIVER_VERSION", 12040); return 0; }
int cuInit(unsigned flags) { (void)flags; return 0; }
int cuDeviceGetCount(int *n) { *n = env_int("FAKE_GPU_COUNT", 1); return 0; }
int cuDeviceGet(int *d, int i) { *d = i; return 0; }
int cuDeviceGetName(char *name, int len, int d) {
    const char *v = getenv("FAKE_GPU_NAME");
    (void)d;
    strncpy(name, v ? v : "NVIDIA Fake GPU", len - 1);
    name[len - 1] = 0;
    return 0;
}
int cuDeviceTotalMem_v2(size_t *bytes, int d) { (void)d; *bytes = (size_t)8 << 30; return 0; }
int cuDeviceGetAttribute(int *value, int attribute, int d) {
    (void)d;
    *value = attribute == 75 ? env_int("FAKE_CC_MAJOR", 8) : env_int("FAKE_CC_MINOR", 6);
    return 0;
}
"""

NVML = r"""
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
typedef struct { unsigned long long total, free, used; } fake_memory_t;
static int env_int(const char *name, int fallback) {
    const char *v = getenv(name);
    return v ? atoi(v) : fallback;
}
static void copy(char *out, unsigned len, const char *name, const char *fallback) {
    const char *v = getenv(name);
    strncpy(out, v ? v : fallback, len - 1);
    out[len - 1] = 0;
}
int nvmlInitWithFlags(unsigned flags) { (void)flags; return env_int("FAKE_NVML_INIT_ERROR", 0); }
int nvmlInit_v2(void) { return nvmlInitWithFlags(0); }
int nvmlShutdown(void) { return 0; }
const char *nvmlErrorString(int r) { return r == 9 ? "Driver Not Loaded" : "Unknown Error"; }
int nvmlSystemGetDriverVersion(char *v, unsigned len) {
    copy(v, len, "FAKE_NVML_DRIVER", "550.54.15");
    return 0;
}
int nvmlSystemGetCudaDriverVersion(int *v) { *v = env_int("FAKE_NVML_CUDA", 12040); return 0; }
int nvmlDeviceGetCount_v2(unsigned *n) { *n = env_int("FAKE_GPU_COUNT", 1); return 0; }
int nvmlDeviceGetHandleByIndex_v2(unsigned i, void **h) {
    *h = (void *)(uintptr_t)(i + 1);
    return 0;
}
int nvmlDeviceGetName(void *h, char *name, unsigned len) {
    (void)h;
    copy(name, len, "FAKE_GPU_NAME", "NVIDIA Fake GPU");
    return 0;
}
/* FAKE_GPU_FREE_MIB: free MiB of each GPU, "2048,6144"; half of the 12 GiB if unset. */
static long long free_mib(unsigned index) {
    const char *v = getenv("FAKE_GPU_FREE_MIB");
    while (v && index > 0) {
        v = strchr(v, ',');
        if (v) v++;
        index--;
    }
    return v ? atoll(v) : -1;
}
int nvmlDeviceGetMemoryInfo(void *h, fake_memory_t *m) {
    long long mib = free_mib((unsigned)((uintptr_t)h - 1));
    m->total = (unsigned long long)12 << 30;
    m->free = mib >= 0 ? (unsigned long long)mib << 20 : m->total / 2;
    m->used = m->total - m->free;
    return 0;
}
int nvmlDeviceGetCudaComputeCapability(void *h, int *major, int *minor) {
    (void)h;
    *major = env_int("FAKE_CC_MAJOR", 8); *minor = env_int("FAKE_CC_MINOR", 6);
    return 0;
}
"""


@dataclass(frozen=True)
class FakeLib:
    soname: str
    needs: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    """Library names kept in its read-only data (loaded by name at run time)."""

    @property
    def ident(self) -> str:
        return "fake_" + self.soname.split(".so")[0].removeprefix("lib").replace("-", "_")


CUDA_LIBS = (
    FakeLib("libnvrtc.so.12"),
    # cuBLAS 12.9 opens NVRTC by name for some kernels: an optional library.
    FakeLib("libcublasLt.so.12", names=("libnvrtc.so.12",)),
    FakeLib("libcublas.so.12", needs=("libcublasLt.so.12",)),
    FakeLib("libnvblas.so.12", needs=("libcublas.so.12",)),
    FakeLib("libcudnn_graph.so.9"),
    FakeLib("libcudnn_ops.so.9", needs=("libcudnn_graph.so.9",)),
    FakeLib("libcudnn_cnn.so.9", needs=("libcudnn_ops.so.9", "libcudnn_graph.so.9")),
    FakeLib(
        "libcudnn.so.9", names=("libcudnn_graph.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9")
    ),
)

CT2_CUDNN = FakeLib(
    "libctranslate2.so.4.5.0", needs=("libcudnn.so.9",), names=("libcublas.so.12", "libcuda.so.1")
)
"""A CTranslate2 of the cuDNN 9 era: links cuDNN, opens cuBLAS and the driver by name."""


def compile_library(
    src: str, out: Path, soname: str, link_dir: Path, needs: tuple[str, ...]
) -> None:
    c_file = out.with_suffix(".c")
    c_file.write_text(src)
    cmd = ["gcc", "-shared", "-fPIC", "-O0", f"-Wl,-soname,{soname}", "-o", str(out), str(c_file)]
    if needs:
        cmd += [f"-L{link_dir}", "-Wl,--no-as-needed", *(f"-l:{n}" for n in needs)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    c_file.unlink()


def library_source(lib: FakeLib) -> str:
    names = "".join(f'"{n}\\0"' for n in lib.names) or '""'
    return (
        LIBRARY_TEMPLATE.replace("SONAME", lib.soname)
        .replace("NAMES", names)
        .replace("IDENT", lib.ident)
    )


def build_all(out: Path) -> Path:
    """Compile every fake into ``out`` (dependencies first); return ``out``."""
    if shutil.which("gcc") is None:
        raise RuntimeError("gcc is not installed (see scripts/debian-packages.txt)")
    out.mkdir(parents=True, exist_ok=True)
    for lib in (*CUDA_LIBS, CT2_CUDNN):
        compile_library(library_source(lib), out / lib.soname, lib.soname, out, lib.needs)
    compile_library(CUDA_DRIVER, out / "libcuda.so.1", "libcuda.so.1", out, ())
    compile_library(NVML, out / "libnvidia-ml.so.1", "libnvidia-ml.so.1", out, ())
    (out / "libcublasLt-broken.so.12").write_bytes(b"this is not a shared library\n" * 8)
    return out


def wheel_site(built: Path, site: Path, *, cudnn: bool = False) -> Path:
    """A site-packages folder laid out like the nvidia-* 12.x wheels (namespace packages)."""
    packages = [
        ("cublas", "12.9.1.4", ("libcublas.so.12", "libcublasLt.so.12", "libnvblas.so.12")),
        ("cuda_nvrtc", "12.9.86", ("libnvrtc.so.12",)),
    ]
    if cudnn:
        names = tuple(lib.soname for lib in CUDA_LIBS if "cudnn" in lib.soname)
        packages.append(("cudnn", "9.1.0.70", names))
    for package, version, files in packages:
        lib_dir = site / "nvidia" / package / "lib"
        lib_dir.mkdir(parents=True, exist_ok=True)
        (site / "nvidia" / package / "include").mkdir(exist_ok=True)
        record = []
        for name in files:
            shutil.copy2(built / name, lib_dir / name)
            digest = hashlib.sha256((lib_dir / name).read_bytes()).hexdigest()
            record.append(f"nvidia/{package}/lib/{name},sha256={digest},1")
        info = site / f"nvidia_{package}_cu12-{version}.dist-info"
        info.mkdir(exist_ok=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: nvidia-{package}-cu12\nVersion: {version}\n"
        )
        (info / "RECORD").write_text("\n".join(record) + "\n")
    return site


def bundle(built: Path, root: Path) -> Path:
    """A frozen bundle: the cuBLAS files where PyInstaller's nvidia hooks put them."""
    lib_dir = root / "nvidia" / "cublas" / "lib"
    lib_dir.mkdir(parents=True)
    for name in ("libcublas.so.12", "libcublasLt.so.12"):
        shutil.copy2(built / name, lib_dir / name)
    return root


def system_dir(built: Path, folder: Path, version: str = "12.4.5.8") -> Path:
    """A system library folder: versioned files with soname symlinks, as a distribution installs."""
    folder.mkdir(parents=True)
    for name in ("libcublas.so.12", "libcublasLt.so.12"):
        shutil.copy2(built / name, folder / f"{name}.{version.split('.', 1)[1]}")
        (folder / name).symlink_to(f"{name}.{version.split('.', 1)[1]}")
    return folder

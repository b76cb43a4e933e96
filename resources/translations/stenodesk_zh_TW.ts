<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>CrashDialog</name>
    <message>
        <source>Stenodesk closed unexpectedly</source>
        <translation>Stenodesk 意外關閉</translation>
    </message>
    <message>
        <source>Last time Stenodesk stopped because of an internal error. Your transcripts were saved. If you report the problem, please attach this text.</source>
        <translation>上次 Stenodesk 因內部錯誤而停止。您的轉錄內容已儲存。如需回報此問題，請附上這段文字。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>複製報告</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>開啟資料夾</translation>
    </message>
</context>
<context>
    <name>EditableTranscript</name>
    <message>
        <source>Edit line {line}</source>
        <translation>編輯第 {line} 行</translation>
    </message>
    <message>
        <source>Split line {line}</source>
        <translation>分割第 {line} 行</translation>
    </message>
    <message>
        <source>Merge lines {line} and the next</source>
        <translation>合併第 {line} 行與下一行</translation>
    </message>
    <message>
        <source>Delete line {line}</source>
        <translation>刪除第 {line} 行</translation>
    </message>
    <message>
        <source>Insert line {line}</source>
        <translation>插入第 {line} 行</translation>
    </message>
    <message>
        <source>Change the times of line {line}</source>
        <translation>變更第 {line} 行的時間</translation>
    </message>
    <message>
        <source>Replace {count} matches</source>
        <translation>取代 {count} 處相符項目</translation>
    </message>
    <message>
        <source>Replace in line {line}</source>
        <translation>在第 {line} 行中取代</translation>
    </message>
    <message>
        <source>Reshape {count} lines</source>
        <translation>重新排列 {count} 行</translation>
    </message>
    <message>
        <source>Rename speaker {line}</source>
        <translation>重新命名說話者 {line}</translation>
    </message>
    <message>
        <source>Change the speaker of line {line}</source>
        <translation>變更第 {line} 行的說話者</translation>
    </message>
    <message>
        <source>Merge speaker {count} into speaker {line}</source>
        <translation>將說話者 {count} 合併到說話者 {line}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>尋找…</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>取代…</translation>
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
        <translation>閱讀速度上限</translation>
    </message>
    <message>
        <source> characters/s</source>
        <translation> 字元/秒</translation>
    </message>
    <message>
        <source>Line length, lines per subtitle and the longest subtitle are the Export ones.</source>
        <translation>每行長度、每則字幕行數和字幕最長時長沿用「匯出」中的設定。</translation>
    </message>
    <message>
        <source>Shortest subtitle</source>
        <translation>最短字幕</translation>
    </message>
    <message>
        <source>Playback speed (pitch kept)</source>
        <translation>播放速度（保持音高）</translation>
    </message>
    <message>
        <source>Playback volume</source>
        <translation>播放音量</translation>
    </message>
    <message>
        <source>The shortest subtitle must be shorter than the longest.</source>
        <translation>最短字幕必須短於最長字幕。</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>&amp;Export</source>
        <translation>匯出(&amp;E)</translation>
    </message>
    <message>
        <source>Export the transcript (Ctrl+E)</source>
        <translation>匯出逐字稿 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export &amp;as</source>
        <translation>匯出為(&amp;A)</translation>
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
        <translation>純文字 (.txt)</translation>
    </message>
    <message>
        <source>JSON with words and times (.json)</source>
        <translation>含逐字時間的 JSON (.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>匯出逐字稿</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>尋找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>取代為</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>大小寫須相符(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Whole word</source>
        <translation>全字拼寫須相符(&amp;W)</translation>
    </message>
    <message>
        <source>Re&amp;gular expression</source>
        <translation>規則運算式(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一個(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>取代(&amp;R)</translation>
    </message>
    <message>
        <source>Replace &amp;all</source>
        <translation>全部取代(&amp;A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n match(es).</source>
        <translation>
            <numerusform>已取代 %n 處相符項目。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing replaced: no matches.</source>
        <translation>未取代：沒有相符項目。</translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>沒有相符項目。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es).</source>
        <translation>
            <numerusform>%n 處相符項目。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GpuReportView</name>
    <message>
        <source>Checking the GPU...</source>
        <translation>正在檢查 GPU...</translation>
    </message>
    <message>
        <source>NVIDIA driver</source>
        <translation>NVIDIA 驅動程式</translation>
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
        <translation>運算類型</translation>
    </message>
    <message>
        <source>GPU check</source>
        <translation>GPU 檢查</translation>
    </message>
    <message>
        <source>CUDA libraries</source>
        <translation>CUDA 函式庫</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>函式庫</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>是否需要</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
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
        <translation>重新檢查 GPU</translation>
    </message>
    <message>
        <source>Look for the driver and libraries again and run the GPU check anew</source>
        <translation>重新尋找驅動程式和函式庫，並再次執行 GPU 檢查</translation>
    </message>
    <message>
        <source>What to do: {fix}</source>
        <translation>解決方法：{fix}</translation>
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
        <translation>設定中選擇了 GPU，但是：{reason}</translation>
    </message>
    <message>
        <source>No NVIDIA driver found</source>
        <translation>找不到 NVIDIA 驅動程式</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>版本不明</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>{version} (CUDA {cuda})</source>
        <translation>{version}（CUDA {cuda}）</translation>
    </message>
    <message>
        <source>{name}, {memory} GiB, compute capability {cc}</source>
        <translation>{name}，{memory} GiB，運算能力 {cc}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安裝</translation>
    </message>
    <message>
        <source>GPU: {gpu}
CPU: {cpu}</source>
        <translation>GPU：{gpu}
CPU：{cpu}</translation>
    </message>
    <message>
        <source>Not run: the GPU cannot be used (see above)</source>
        <translation>未執行：無法使用 GPU（見上文）</translation>
    </message>
    <message>
        <source>Not run: {reason}</source>
        <translation>未執行：{reason}</translation>
    </message>
    <message>
        <source>remembered from an earlier check</source>
        <translation>沿用先前的檢查結果</translation>
    </message>
    <message>
        <source>took {seconds} s</source>
        <translation>耗時 {seconds} 秒</translation>
    </message>
    <message>
        <source>Passed ({when})</source>
        <translation>通過（{when}）</translation>
    </message>
    <message>
        <source>Failed: {reason} ({when})</source>
        <translation>失敗：{reason}（{when}）</translation>
    </message>
    <message>
        <source>CUDA libraries: {problem}</source>
        <translation>CUDA 函式庫：{problem}</translation>
    </message>
    <message>
        <source>CUDA libraries: CTranslate2 names none</source>
        <translation>CUDA 函式庫：CTranslate2 未要求任何函式庫</translation>
    </message>
    <message>
        <source>needed</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>選用</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>已載入</translation>
    </message>
    <message>
        <source>failed to load</source>
        <translation>載入失敗</translation>
    </message>
    <message>
        <source>found, not loaded</source>
        <translation>已找到，未載入</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <source>Checking the GPU again...</source>
        <translation>正在重新檢查 GPU...</translation>
    </message>
</context>
<context>
    <name>JobOptionsWidget</name>
    <message>
        <source>auto picks a built-in model by language; or a model name or folder</source>
        <translation>auto 會依語言選擇內建模型；也可填寫模型名稱或資料夾</translation>
    </message>
    <message>
        <source>Detect language</source>
        <translation>自動偵測語言</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>轉錄</translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation>翻譯成英文</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Name who speaks: off, automatic, a number (2) or a range (2-4)</source>
        <translation>標註說話人：關閉、自動、人數（2）或範圍（2-4）</translation>
    </message>
    <message>
        <source>Word times</source>
        <translation>逐字時間</translation>
    </message>
    <message>
        <source>Time every word (finer subtitle timing)</source>
        <translation>為每個字詞標註時間（字幕時間更精細）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任務</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>說話人</translation>
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
        <translation>轉錄中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中斷</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>未加入</translation>
    </message>
    <message>
        <source>Finding speakers…</source>
        <translation>正在辨識說話人…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩餘時間</translation>
    </message>
    <message>
        <source>took {time}</source>
        <translation>耗時 {time}</translation>
    </message>
    <message>
        <source>detect language</source>
        <translation>自動偵測語言</translation>
    </message>
</context>
<context>
    <name>LivePage</name>
    <message>
        <source>Record or stop</source>
        <translation>錄音或停止</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>輸入音量</translation>
    </message>
    <message>
        <source>Microphone:</source>
        <translation>麥克風：</translation>
    </message>
    <message>
        <source>Press Record (Ctrl+R) and speak; the text appears as you go.</source>
        <translation>按「錄音」(Ctrl+R) 後開始說話，文字會隨說隨現。</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>匯出 {format}</translation>
    </message>
    <message>
        <source>Transcribe again</source>
        <translation>重新轉錄</translation>
    </message>
    <message>
        <source>Transcribe the recording as a file job, with the Transcribe page&apos;s model</source>
        <translation>把錄音當作檔案工作轉錄，使用「轉錄」頁面的模型</translation>
    </message>
    <message>
        <source>Finishing...</source>
        <translation>正在完成…</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>正在開始…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>錄音</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <source>{device} (not connected)</source>
        <translation>{device}（未連接）</translation>
    </message>
    <message>
        <source>Recording from {device}</source>
        <translation>正在從 {device} 錄音</translation>
    </message>
    <message>
        <source>Recorded {duration} to {file}</source>
        <translation>已錄製 {duration}，儲存為 {file}</translation>
    </message>
    <message>
        <source>Exported {file}</source>
        <translation>已匯出 {file}</translation>
    </message>
    <message>
        <source>Added {file} to the Transcribe queue</source>
        <translation>已將 {file} 加入轉錄佇列</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>匯出逐字稿</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>&amp;Add files...</source>
        <translation>加入檔案(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>取消工作(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Retry or resume</source>
        <translation>重試或繼續(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;move job</source>
        <translation>移除工作(&amp;M)</translation>
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
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>工作(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>鍵盤快速鍵(&amp;K)</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>開啟記錄資料夾(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About Stenodesk</source>
        <translation>關於 Stenodesk(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具列</translation>
    </message>
    <message numerus="yes">
        <source>Added %n file(s) to the queue.</source>
        <translation>
            <numerusform>已將 %n 個檔案加入佇列。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation>未加入：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not added; the queue says why.</source>
        <translation>
            <numerusform>%n 個檔案未加入，原因請見佇列。</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes could not be saved ({why}). They stay on screen: export the transcript to keep them, and free some disk space.</source>
        <translation>變更未能儲存（{why}）。它們仍顯示在螢幕上：請匯出逐字稿以保留它們，並釋放一些磁碟空間。</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已匯出 {path}</translation>
    </message>
    <message>
        <source>About Stenodesk</source>
        <translation>關於 Stenodesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stenodesk {version}&lt;/b&gt;&lt;br&gt;Speech to text on your own computer, with Whisper models through faster-whisper and CTranslate2. Nothing you say leaves your machine.</source>
        <translation>&lt;b&gt;Stenodesk {version}&lt;/b&gt;&lt;br&gt;在您自己的電腦上把語音轉成文字，透過 faster-whisper 與 CTranslate2 執行 Whisper 模型。您說的內容不會離開您的電腦。</translation>
    </message>
</context>
<context>
    <name>ModelHints</name>
    <message>
        <source>fastest, least accurate</source>
        <translation>最快，準確度最低</translation>
    </message>
    <message>
        <source>very fast, fair accuracy</source>
        <translation>很快，準確度尚可</translation>
    </message>
    <message>
        <source>fast, good accuracy</source>
        <translation>快，準確度佳</translation>
    </message>
    <message>
        <source>slow, very good accuracy</source>
        <translation>慢，準確度很好</translation>
    </message>
    <message>
        <source>slowest, most accurate</source>
        <translation>最慢，準確度最高</translation>
    </message>
    <message>
        <source>slowest, most accurate (newest large)</source>
        <translation>最慢，準確度最高（最新的 large）</translation>
    </message>
    <message>
        <source>slowest; the first large model</source>
        <translation>最慢；第一代 large 模型</translation>
    </message>
    <message>
        <source>near large-v3 accuracy, several times faster</source>
        <translation>準確度接近 large-v3，速度快好幾倍</translation>
    </message>
    <message>
        <source>distilled: much faster than its teacher, close in accuracy</source>
        <translation>蒸餾模型：比原模型快得多，準確度相近</translation>
    </message>
    <message>
        <source>very fast, fair accuracy, many languages</source>
        <translation>很快，準確度尚可，支援多種語言</translation>
    </message>
</context>
<context>
    <name>ModelTableModel</name>
    <message>
        <source>Waiting to download</source>
        <translation>等待下載</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>內建</translation>
    </message>
    <message>
        <source>Ready (Hugging Face cache)</source>
        <translation>就緒（Hugging Face 快取）</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>Built in (set up on first use)</source>
        <translation>內建（首次使用時準備）</translation>
    </message>
    <message>
        <source>Partial: {percent}%</source>
        <translation>部分下載：{percent}%</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>部分下載</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>已損壞</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>未下載</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>正在開始...</translation>
    </message>
    <message>
        <source>Joined a download in progress:</source>
        <translation>已加入進行中的下載：</translation>
    </message>
    <message>
        <source>Reconnecting...</source>
        <translation>正在重新連線...</translation>
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
        <translation>剩餘 {time}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>記憶體</translation>
    </message>
    <message>
        <source>Speed and accuracy</source>
        <translation>速度與準確度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（預設）</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>僅英文</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>多語言</translation>
    </message>
    <message>
        <source>Also called: {names}</source>
        <translation>別名：{names}</translation>
    </message>
    <message>
        <source>Approximate; Check online sizes gives the exact figure.</source>
        <translation>約數；「查詢線上大小」可取得準確數值。</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已匯入</translation>
    </message>
    <message>
        <source>from {repository}</source>
        <translation>來自 {repository}</translation>
    </message>
</context>
<context>
    <name>ModelsFooter</name>
    <message>
        <source>Cancel import</source>
        <translation>取消匯入</translation>
    </message>
    <message>
        <source>Open model folder</source>
        <translation>開啟模型資料夾</translation>
    </message>
    <message>
        <source>Import folder...</source>
        <translation>匯入資料夾...</translation>
    </message>
    <message>
        <source>Check online sizes</source>
        <translation>查詢線上大小</translation>
    </message>
    <message>
        <source>Ask the model server for the exact download size of each model</source>
        <translation>向模型伺服器查詢每個模型的準確下載大小</translation>
    </message>
    <message>
        <source>Model folder: {folder}</source>
        <translation>模型資料夾：{folder}</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Looking for models...</source>
        <translation>正在尋找模型...</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Whisper models turn speech into text. Built-in models work offline; larger ones are more accurate but slower and need a download once.</source>
        <translation>Whisper 模型把語音轉成文字。內建模型無需連網即可使用；更大的模型更準確但更慢，需要下載一次。</translation>
    </message>
    <message>
        <source>Use automatic choice</source>
        <translation>使用自動選擇</translation>
    </message>
    <message>
        <source>Let Stenodesk pick a built-in model by the language of each recording</source>
        <translation>讓 Stenodesk 依每段錄音的語言選擇內建模型</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下載</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation>刪除...</translation>
    </message>
    <message>
        <source>Use as default</source>
        <translation>設為預設</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>顯示資料夾</translation>
    </message>
    <message>
        <source>Built-in models cannot be deleted</source>
        <translation>內建模型無法刪除</translation>
    </message>
    <message>
        <source>Set up now</source>
        <translation>立即準備</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續下載</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>重新下載</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>刪除模型</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer?</source>
        <translation>要從這台電腦上刪除 {name}（{size}）嗎？</translation>
    </message>
    <message>
        <source>Import a model folder</source>
        <translation>匯入模型資料夾</translation>
    </message>
    <message>
        <source>Name for the model (letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;):</source>
        <translation>模型名稱（字母、數字、「.」、「-」和「_」）：</translation>
    </message>
    <message>
        <source>Another import is running; wait for it to finish.</source>
        <translation>另一個匯入正在進行；請等待它完成。</translation>
    </message>
    <message>
        <source>Checking and importing {folder}...</source>
        <translation>正在檢查並匯入 {folder}...</translation>
    </message>
    <message>
        <source>Asking the model server for the exact sizes...</source>
        <translation>正在向模型伺服器查詢準確大小...</translation>
    </message>
    <message>
        <source>New transcriptions pick a built-in model by language (automatic).</source>
        <translation>新的轉錄會依語言選擇內建模型（自動）。</translation>
    </message>
    <message>
        <source>New transcriptions use {name}.</source>
        <translation>新的轉錄使用 {name}。</translation>
    </message>
    <message>
        <source>{name} is ready.</source>
        <translation>{name} 已就緒。</translation>
    </message>
    <message>
        <source>Download of {name} cancelled; Resume continues where it stopped.</source>
        <translation>已取消下載 {name}；「繼續下載」會從中斷處接著下載。</translation>
    </message>
    <message>
        <source>Imported {name}; it is ready to use.</source>
        <translation>已匯入 {name}，可以使用了。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was kept.</source>
        <translation>已取消匯入；沒有保留任何內容。</translation>
    </message>
    <message>
        <source>Deleted {name}; {size} freed.</source>
        <translation>已刪除 {name}；釋放了 {size}。</translation>
    </message>
    <message>
        <source>A copy in the shared Hugging Face cache, which other programs use, was left alone: {folder}</source>
        <translation>共用的 Hugging Face 快取中還有一份副本（其他程式也在使用），已保留：{folder}</translation>
    </message>
    <message>
        <source>New transcriptions use the automatic choice again.</source>
        <translation>新的轉錄重新使用自動選擇。</translation>
    </message>
    <message>
        <source>The model server could not be reached; sizes stay approximate (~).</source>
        <translation>無法連線到模型伺服器；大小仍為約數（~）。</translation>
    </message>
    <message>
        <source>Exact sizes for {count} of {total} models.</source>
        <translation>已取得 {total} 個模型中 {count} 個的準確大小。</translation>
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
        <translation>時間</translation>
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
        <translation>播放或暫停</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>倒退 5 秒</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>快轉 5 秒</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>減速</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Playback speed, pitch kept ({slower} / {faster})</source>
        <translation>播放速度，音調不變（{slower} / {faster}）</translation>
    </message>
</context>
<context>
    <name>QueueWidget</name>
    <message>
        <source>Drop audio or video files or folders here,
or press Add files...</source>
        <translation>將音訊、影片檔案或資料夾拖放到這裡，
或按「加入檔案...」</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>加入檔案...</translation>
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
        <translation>重試</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Resume unfinished transcriptions?</source>
        <translation>繼續未完成的轉錄？</translation>
    </message>
    <message numerus="yes">
        <source>Stenodesk stopped before %n transcription(s) were finished. What was transcribed is in the queue; resuming continues where each stopped.</source>
        <translation>
            <numerusform>Stenodesk 在 %n 個轉錄完成之前停止了。已轉錄的內容在佇列中；繼續時會從各自停下的位置接著轉錄。</numerusform>
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
        <translation>繼續</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>稍後再說</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>New transcriptions</source>
        <translation>新的轉錄</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自動偵測</translation>
    </message>
    <message>
        <source>Spoken language</source>
        <translation>音訊語言</translation>
    </message>
    <message>
        <source>Transcribe (keep the spoken language)</source>
        <translation>轉錄（保留原語言）</translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation>翻譯成英文</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任務</translation>
    </message>
    <message>
        <source>As the model writes it</source>
        <translation>保持模型輸出</translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation>簡體</translation>
    </message>
    <message>
        <source>Traditional</source>
        <translation>繁體</translation>
    </message>
    <message>
        <source>Traditional (Taiwan)</source>
        <translation>繁體（台灣）</translation>
    </message>
    <message>
        <source>Traditional (Hong Kong)</source>
        <translation>繁體（香港）</translation>
    </message>
    <message>
        <source>Chinese script</source>
        <translation>中文簡繁</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Find them automatically</source>
        <translation>自動識別</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>說話人</translation>
    </message>
    <message>
        <source>Time every word (finer subtitle timing)</source>
        <translation>為每個字詞標註時間（字幕時間更精細）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
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
        <translation>純文字 (.txt)</translation>
    </message>
    <message>
        <source>JSON with words and times (.json)</source>
        <translation>含逐字時間的 JSON (.json)</translation>
    </message>
    <message>
        <source>Speaker turns, RTTM (.rttm)</source>
        <translation>說話人輪次，RTTM (.rttm)</translation>
    </message>
    <message>
        <source>Default format (Ctrl+E)</source>
        <translation>預設格式 (Ctrl+E)</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 個字元</translation>
    </message>
    <message>
        <source>Subtitle line length</source>
        <translation>字幕每行長度</translation>
    </message>
    <message>
        <source>Lines per subtitle</source>
        <translation>每則字幕行數</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Longest subtitle</source>
        <translation>字幕最長時間</translation>
    </message>
    <message>
        <source>Start SRT subtitles with the speaker&apos;s name</source>
        <translation>SRT 字幕以說話人姓名開頭</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>裝置</translation>
    </message>
    <message>
        <source>Automatic (GPU when it works, else CPU)</source>
        <translation>自動（GPU 可用時用 GPU，否則用 CPU）</translation>
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
        <translation>執行於</translation>
    </message>
    <message>
        <source>Automatic (the most free memory)</source>
        <translation>自動（可用記憶體最多的）</translation>
    </message>
    <message>
        <source>GPU {index}</source>
        <translation>GPU {index}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Compute type</source>
        <translation>運算類型</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>介面</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>A new interface language applies when Stenodesk starts again.</source>
        <translation>新的介面語言將在 Stenodesk 下次啟動時生效。</translation>
    </message>
    <message>
        <source>The longest subtitle must be longer than the shortest one.</source>
        <translation>字幕最長時長必須大於最短時長。</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Transcript editor</source>
        <translation>逐字稿編輯器</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
</context>
<context>
    <name>SpeakersStrip</name>
    <message>
        <source>Speakers:</source>
        <translation>說話者：</translation>
    </message>
    <message numerus="yes">
        <source>{name} (%n line(s))</source>
        <translation>
            <numerusform>{name}（%n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Rename...</source>
        <translation>重新命名(&amp;R)...</translation>
    </message>
    <message>
        <source>&amp;Merge into</source>
        <translation>合併到(&amp;M)</translation>
    </message>
</context>
<context>
    <name>TranscribePage</name>
    <message>
        <source>Audio and video files</source>
        <translation>音訊與影片檔案</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>加入檔案</translation>
    </message>
    <message>
        <source>Finding speakers: {percent}%</source>
        <translation>正在辨識說話人：{percent}%</translation>
    </message>
    <message>
        <source>Transcribing: {percent}%</source>
        <translation>轉錄中：{percent}%</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩餘 {time}</translation>
    </message>
    <message>
        <source>{language}, detected {percent}%</source>
        <translation>{language}，偵測信賴度 {percent}%</translation>
    </message>
</context>
<context>
    <name>TranscriptActions</name>
    <message>
        <source>&amp;Find...</source>
        <translation>尋找(&amp;F)...</translation>
    </message>
    <message>
        <source>R&amp;eplace...</source>
        <translation>取代(&amp;E)...</translation>
    </message>
    <message>
        <source>Copy &amp;all text</source>
        <translation>複製全部文字(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Play/Pause</source>
        <translation>播放/暫停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Split line at the text cursor</source>
        <translation>在文字游標處分割行(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Merge with the next line</source>
        <translation>與下一行合併(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Delete line</source>
        <translation>刪除行(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Insert line at the playhead</source>
        <translation>在播放位置插入行(&amp;I)</translation>
    </message>
    <message>
        <source>Set start to the playhead</source>
        <translation>將開始時間設為播放位置</translation>
    </message>
    <message>
        <source>Set end to the playhead</source>
        <translation>將結束時間設為播放位置</translation>
    </message>
    <message>
        <source>Start 0.1 s earlier</source>
        <translation>開始時間提前 0.1 秒</translation>
    </message>
    <message>
        <source>Start 0.1 s later</source>
        <translation>開始時間延後 0.1 秒</translation>
    </message>
    <message>
        <source>End 0.1 s earlier</source>
        <translation>結束時間提前 0.1 秒</translation>
    </message>
    <message>
        <source>End 0.1 s later</source>
        <translation>結束時間延後 0.1 秒</translation>
    </message>
    <message>
        <source>&amp;Reshape lines that break the subtitle rules</source>
        <translation>重新整理不符合字幕規則的行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Follow playback</source>
        <translation>跟隨播放(&amp;F)</translation>
    </message>
    <message>
        <source>Show subtitle &amp;checks</source>
        <translation>顯示字幕檢查(&amp;C)</translation>
    </message>
    <message>
        <source>Said &amp;by</source>
        <translation>說話者(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Rename {name}...</source>
        <translation>重新命名 {name}(&amp;R)...</translation>
    </message>
    <message>
        <source>Merge {name} &amp;into</source>
        <translation>將 {name} 合併到(&amp;I)</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>{value:.1f} characters per second (limit {limit:g})</source>
        <translation>每秒 {value:.1f} 個字元（上限 {limit:g}）</translation>
    </message>
    <message>
        <source>a line of {value:g} characters (limit {limit:g})</source>
        <translation>一行 {value:g} 個字元（上限 {limit:g}）</translation>
    </message>
    <message>
        <source>needs {value:g} lines (limit {limit:g})</source>
        <translation>需要 {value:g} 行（上限 {limit:g}）</translation>
    </message>
    <message>
        <source>lasts {value:.2f} s (at least {limit:g} s)</source>
        <translation>持續 {value:.2f} 秒（至少 {limit:g} 秒）</translation>
    </message>
    <message>
        <source>lasts {value:.1f} s (at most {limit:g} s)</source>
        <translation>持續 {value:.1f} 秒（最多 {limit:g} 秒）</translation>
    </message>
    <message>
        <source>starts {value:.2f} s before the previous line ends</source>
        <translation>在上一行結束前 {value:.2f} 秒開始</translation>
    </message>
    <message>
        <source>Speaker {n}</source>
        <translation>說話者 {n}</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>說話者</translation>
    </message>
    <message>
        <source>{start} to {end} (click to play, double-click to change)</source>
        <translation>{start} 至 {end}（按一下播放，按兩下修改）</translation>
    </message>
    <message>
        <source>Double-click to rename this speaker everywhere</source>
        <translation>按兩下可在所有位置重新命名此說話者</translation>
    </message>
    <message>
        <source>Subtitle check: {reasons}</source>
        <translation>字幕檢查：{reasons}</translation>
    </message>
</context>
<context>
    <name>TranscriptWidget</name>
    <message>
        <source>No transcript selected</source>
        <translation>未選取逐字稿</translation>
    </message>
    <message>
        <source>Choose a job in the queue; its text appears here.</source>
        <translation>在佇列中選取一個工作，它的文字會顯示在這裡。</translation>
    </message>
    <message>
        <source>Put the text cursor where the line should split.</source>
        <translation>請將文字游標放在要分割的位置。</translation>
    </message>
    <message numerus="yes">
        <source>Reshaped %n line(s).</source>
        <translation>
            <numerusform>已重新整理 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>No line needs reshaping.</source>
        <translation>沒有需要重新整理的行。</translation>
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
        <translation>內部錯誤</translation>
    </message>
    <message>
        <source>Stenodesk ran into an internal error. A report was saved in {path}. Your work is saved; restarting Stenodesk is the safest way on.</source>
        <translation>Stenodesk 發生內部錯誤，報告已儲存到 {path}。您的工作已儲存；最穩妥的做法是重新啟動 Stenodesk。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{subject}: file not found.</source>
        <translation>{subject}：找不到檔案。</translation>
    </message>
    <message>
        <source>Check the name and the folder.</source>
        <translation>請檢查檔名與資料夾。</translation>
    </message>
    <message>
        <source>{subject}: permission denied.</source>
        <translation>{subject}：沒有存取權限。</translation>
    </message>
    <message>
        <source>Make the file readable for your user, or copy it somewhere you own.</source>
        <translation>請讓目前的使用者可以讀取此檔案，或把它複製到您有權限的位置。</translation>
    </message>
    <message>
        <source>{subject}: not an audio or video file.</source>
        <translation>{subject}：不是音訊或影片檔案。</translation>
    </message>
    <message>
        <source>Choose a media file such as WAV, MP3, M4A, FLAC, OGG, MP4, MKV, WEBM or MOV.</source>
        <translation>請選擇媒體檔案，例如 WAV、MP3、M4A、FLAC、OGG、MP4、MKV、WEBM 或 MOV。</translation>
    </message>
    <message>
        <source>{subject}: the file has no audio track.</source>
        <translation>{subject}：此檔案沒有音軌。</translation>
    </message>
    <message>
        <source>Choose a file with sound, or export the audio track from your editor.</source>
        <translation>請選擇有聲音的檔案，或從編輯軟體匯出音軌。</translation>
    </message>
    <message>
        <source>{subject}: the audio is empty (zero length).</source>
        <translation>{subject}：音訊是空的（長度為零）。</translation>
    </message>
    <message>
        <source>The recording holds no sound; record or export it again.</source>
        <translation>此錄音沒有聲音，請重新錄製或匯出。</translation>
    </message>
    <message>
        <source>{subject}: the audio could not be decoded; the file may be damaged.</source>
        <translation>{subject}：無法解碼音訊，檔案可能已損壞。</translation>
    </message>
    <message>
        <source>Try converting it to WAV or MP3 with another program.</source>
        <translation>請嘗試用其他程式把它轉換成 WAV 或 MP3。</translation>
    </message>
    <message>
        <source>{subject}: the file is shorter than its header says; it was probably cut off (an interrupted download or copy).</source>
        <translation>{subject}：文件比其文件頭所說的短，可能被截斷了（下載或複製中斷）。</translation>
    </message>
    <message>
        <source>Download or copy it again; only the part that is there was transcribed.</source>
        <translation>請重新下載或複製；只轉寫了現有的部分。</translation>
    </message>
    <message>
        <source>{subject}: no speech found.</source>
        <translation>{subject}：沒有找到語音。</translation>
    </message>
    <message>
        <source>Check that the file holds speech and is loud enough; the transcript is empty.</source>
        <translation>請確認文件包含語音且音量足夠；轉寫結果為空。</translation>
    </message>
    <message>
        <source>{subject}: the output file exists already.</source>
        <translation>{subject}：輸出檔案已存在。</translation>
    </message>
    <message>
        <source>Choose another folder, or allow overwriting (--overwrite).</source>
        <translation>請選擇其他資料夾，或允許覆寫（--overwrite）。</translation>
    </message>
    <message>
        <source>{subject}: the output could not be written.</source>
        <translation>{subject}：無法寫入輸出檔案。</translation>
    </message>
    <message>
        <source>Check that the folder exists, is writable and the disk is not full.</source>
        <translation>請檢查資料夾是否存在、是否可寫入，以及磁碟是否已滿。</translation>
    </message>
    <message>
        <source>Model {subject} is not on this computer.</source>
        <translation>這台電腦上沒有模型 {subject}。</translation>
    </message>
    <message>
        <source>Download it from the Models page, or run: stenodesk models download {subject}</source>
        <translation>請在「模型」頁面下載，或執行：stenodesk models download {subject}</translation>
    </message>
    <message>
        <source>There is no model called {subject}.</source>
        <translation>沒有名為 {subject} 的模型。</translation>
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
        <translation>請使用為 faster-whisper（CTranslate2）轉換的模型：一個包含 config.json、model.bin 以及分詞器或詞彙表檔案的資料夾。</translation>
    </message>
    <message>
        <source>Model {subject} is damaged (a file does not match its checksum).</source>
        <translation>模型 {subject} 已損壞（有檔案與檢查碼不符）。</translation>
    </message>
    <message>
        <source>Download it again; the damaged copy will not be used.</source>
        <translation>請重新下載；損壞的副本不會被使用。</translation>
    </message>
    <message>
        <source>Model {subject} could not be loaded.</source>
        <translation>無法載入模型 {subject}。</translation>
    </message>
    <message>
        <source>Verify it (stenodesk models verify), or choose another model.</source>
        <translation>請驗證它（stenodesk models verify），或選擇其他模型。</translation>
    </message>
    <message>
        <source>Model {subject} is built in and cannot be deleted.</source>
        <translation>模型 {subject} 是內建的，無法刪除。</translation>
    </message>
    <message>
        <source>It takes no space in the model folder; delete another model to free space.</source>
        <translation>它不佔用模型資料夾的空間；如需釋放空間，請刪除其他模型。</translation>
    </message>
    <message>
        <source>Model {subject} is being downloaded right now.</source>
        <translation>模型 {subject} 正在下載。</translation>
    </message>
    <message>
        <source>Wait for the download to finish or cancel it, then try again.</source>
        <translation>請等待下載完成或取消下載，然後重試。</translation>
    </message>
    <message>
        <source>There is a model called {subject} already.</source>
        <translation>已有名為 {subject} 的模型。</translation>
    </message>
    <message>
        <source>Choose another name (--name), or delete the existing model first.</source>
        <translation>請換一個名稱（--name），或先刪除現有的模型。</translation>
    </message>
    <message>
        <source>The model folder {subject} is not writable.</source>
        <translation>模型資料夾 {subject} 無法寫入。</translation>
    </message>
    <message>
        <source>Make it writable for your user, or choose another model folder in Settings.</source>
        <translation>請讓目前的使用者可以寫入它，或在「設定」中選擇其他模型資料夾。</translation>
    </message>
    <message>
        <source>The model server has no repository {subject}.</source>
        <translation>模型伺服器上沒有儲存庫 {subject}。</translation>
    </message>
    <message>
        <source>Check the name (owner/name); for a private repository set an access token (HF_TOKEN).</source>
        <translation>請檢查名稱（擁有者/名稱）；私人儲存庫需要設定存取權杖（HF_TOKEN）。</translation>
    </message>
    <message>
        <source>{subject}</source>
        <translation>{subject}</translation>
    </message>
    <message>
        <source>Choose a multilingual model (such as base) or set the language to English.</source>
        <translation>請選擇多語言模型（例如 base），或把語言設為英文。</translation>
    </message>
    <message>
        <source>The built-in model {subject} is not installed.</source>
        <translation>內建模型 {subject} 未安裝。</translation>
    </message>
    <message>
        <source>Install it with: pip install &quot;stenodesk[multilingual]&quot; (the app bundle includes it), or download it: stenodesk models download {subject}</source>
        <translation>請用以下指令安裝：pip install &quot;stenodesk[multilingual]&quot;（應用程式安裝包已包含它），或下載它：stenodesk models download {subject}</translation>
    </message>
    <message>
        <source>The built-in model {subject} is damaged (its files do not match the checksum).</source>
        <translation>內建模型 {subject} 已損壞（檔案與檢查碼不符）。</translation>
    </message>
    <message>
        <source>Reinstall it with: pip install --force-reinstall &quot;stenodesk[multilingual]&quot;; the damaged copy is not used.</source>
        <translation>請用以下指令重新安裝：pip install --force-reinstall &quot;stenodesk[multilingual]&quot;；損壞的副本不會被使用。</translation>
    </message>
    <message>
        <source>Chinese script conversion ({subject}) is not available.</source>
        <translation>無法進行中文簡繁轉換（{subject}）。</translation>
    </message>
    <message>
        <source>Install it with: pip install &quot;stenodesk[multilingual]&quot;, or set the Chinese script to none.</source>
        <translation>請用以下指令安裝：pip install &quot;stenodesk[multilingual]&quot;，或把「中文簡繁」設為「保持模型輸出」。</translation>
    </message>
    <message>
        <source>Downloading {subject} failed.</source>
        <translation>下載 {subject} 失敗。</translation>
    </message>
    <message>
        <source>Try again; what was already downloaded is kept.</source>
        <translation>請重試；已下載的部分會保留。</translation>
    </message>
    <message>
        <source>No connection to the model server ({subject}).</source>
        <translation>無法連線到模型伺服器（{subject}）。</translation>
    </message>
    <message>
        <source>Check the network or proxy; what was already downloaded is kept.</source>
        <translation>請檢查網路或代理伺服器；已下載的部分會保留。</translation>
    </message>
    <message>
        <source>The model server refused the download ({subject}).</source>
        <translation>模型伺服器拒絕了下載（{subject}）。</translation>
    </message>
    <message>
        <source>Check the server address (HF_ENDPOINT), proxy and access token, then try again; what was already downloaded is kept.</source>
        <translation>請檢查伺服器位址（HF_ENDPOINT）、代理伺服器和存取權杖，然後重試；已下載的部分會保留。</translation>
    </message>
    <message>
        <source>Downloads are switched off: offline mode is on ({subject}).</source>
        <translation>下載已關閉：離線模式已開啟（{subject}）。</translation>
    </message>
    <message>
        <source>Unset HF_HUB_OFFLINE to allow downloads, or use a model that is on this computer.</source>
        <translation>取消設定 HF_HUB_OFFLINE 以允許下載，或使用這台電腦上已有的模型。</translation>
    </message>
    <message>
        <source>Not enough disk space for {subject}.</source>
        <translation>磁碟空間不足，無法存放 {subject}。</translation>
    </message>
    <message>
        <source>Free some space or choose another model folder in Settings.</source>
        <translation>請釋放一些空間，或在「設定」中選擇其他模型資料夾。</translation>
    </message>
    <message>
        <source>Stenodesk uses the CPU instead.</source>
        <translation>Stenodesk 將改用 CPU。</translation>
    </message>
    <message>
        <source>The GPU failed during transcription: {subject}.</source>
        <translation>轉錄過程中 GPU 發生錯誤：{subject}。</translation>
    </message>
    <message>
        <source>Stenodesk continued on the CPU (int8) from where it stopped; the text so far is kept.</source>
        <translation>Stenodesk 已從中斷處改用 CPU（int8）繼續；已有的文字會保留。</translation>
    </message>
    <message>
        <source>No NVIDIA driver found; using the CPU (int8).</source>
        <translation>找不到 NVIDIA 驅動程式；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>To use an NVIDIA GPU, install its driver: 525.60.13 or newer on Linux, 528.33 or newer on Windows.</source>
        <translation>要使用 NVIDIA GPU，請安裝其驅動程式：Linux 上需 525.60.13 或更新版本，Windows 上需 528.33 或更新版本。</translation>
    </message>
    <message>
        <source>Driver {subject}; using the CPU (int8).</source>
        <translation>驅動程式 {subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver (Linux 525.60.13 or newer, Windows 528.33 or newer), then restart Stenodesk.</source>
        <translation>請更新 NVIDIA 驅動程式（Linux 525.60.13 或更新版本，Windows 528.33 或更新版本），然後重新啟動 Stenodesk。</translation>
    </message>
    <message>
        <source>The NVIDIA driver answered, but {subject}; using the CPU (int8).</source>
        <translation>NVIDIA 驅動程式有回應，但{subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Reinstall the NVIDIA driver, including its CUDA part, then restart Stenodesk.</source>
        <translation>請重新安裝 NVIDIA 驅動程式（包括其 CUDA 部分），然後重新啟動 Stenodesk。</translation>
    </message>
    <message>
        <source>The NVIDIA driver {subject} found no GPU; using the CPU (int8).</source>
        <translation>NVIDIA 驅動程式 {subject} 找不到 GPU；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Check that the GPU is seated and enabled (nvidia-smi should list it).</source>
        <translation>請檢查 GPU 是否安裝穩固並已啟用（nvidia-smi 應能列出它）。</translation>
    </message>
    <message>
        <source>The CUDA library {subject} was not found; using the CPU (int8).</source>
        <translation>找不到 CUDA 函式庫 {subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Install the GPU libraries with: pip install &quot;stenodesk[gpu]&quot; (or use the GPU build of Stenodesk).</source>
        <translation>請用以下指令安裝 GPU 函式庫：pip install &quot;stenodesk[gpu]&quot;（或使用 Stenodesk 的 GPU 版本）。</translation>
    </message>
    <message>
        <source>The CUDA library {subject}; using the CPU (int8).</source>
        <translation>CUDA 函式庫 {subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Reinstall the GPU libraries with: pip install --force-reinstall &quot;stenodesk[gpu]&quot; (or use the GPU build of Stenodesk).</source>
        <translation>請用以下指令重新安裝 GPU 函式庫：pip install --force-reinstall &quot;stenodesk[gpu]&quot;（或使用 Stenodesk 的 GPU 版本）。</translation>
    </message>
    <message>
        <source>The GPU check failed: {subject}; using the CPU (int8).</source>
        <translation>GPU 檢查失敗：{subject}；正在使用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver or free GPU memory, then run: stenodesk doctor --recheck</source>
        <translation>請更新 NVIDIA 驅動程式或釋放 GPU 記憶體，然後執行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver to the R570 branch (570 or newer), then run: stenodesk doctor --recheck</source>
        <translation>請將 NVIDIA 驅動更新到 R570 分支（570 或更新），然後運行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>This GPU is older than every architecture this CTranslate2 was built for (stenodesk doctor lists them); transcription stays on the CPU.</source>
        <translation>這塊 GPU 比此 CTranslate2 支持的所有架構都舊（stenodesk doctor 會列出）；轉寫继續使用 CPU。</translation>
    </message>
    <message>
        <source>The GPU refused int8: {subject}.</source>
        <translation>GPU 不支持 int8：{subject}。</translation>
    </message>
    <message>
        <source>Stenodesk uses float16 on the GPU instead; choose float16 in Settings to skip int8.</source>
        <translation>Stenodesk 改為在 GPU 上使用 float16；在設置中選擇 float16 可跳過 int8。</translation>
    </message>
    <message>
        <source>Restart the computer, or reload the NVIDIA memory module (sudo rmmod nvidia_uvm &amp;&amp; sudo modprobe nvidia_uvm), then run: stenodesk doctor --recheck</source>
        <translation>請重啟电腦，或重新加載 NVIDIA 內存模塊（sudo rmmod nvidia_uvm &amp;&amp; sudo modprobe nvidia_uvm），然後運行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>The GPU check failed under WSL: {subject}; using the CPU (int8).</source>
        <translation>在 WSL 下 GPU 檢查失敗：{subject}；改用 CPU（int8）。</translation>
    </message>
    <message>
        <source>Under WSL the NVIDIA driver comes from Windows: update it in Windows, and remove any Linux NVIDIA driver installed inside WSL; then run: stenodesk doctor --recheck</source>
        <translation>在 WSL 下 NVIDIA 驅動來自 Windows：請在 Windows 中更新它，並刪除 WSL 內安裝的 Linux NVIDIA 驅動；然後運行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>No GPU is visible to this process: in a container, start it with the GPUs passed in (docker run --gpus all), and check that CUDA_VISIBLE_DEVICES is not empty.</source>
        <translation>此進程看不到 GPU：在容器中請傳入 GPU 啟動（docker run --gpus all），並確認 CUDA_VISIBLE_DEVICES 不為空。</translation>
    </message>
    <message>
        <source>Choose a smaller model or the int8_float16 compute type, or close other programs that use the GPU; then run: stenodesk doctor --recheck</source>
        <translation>請選擇更小的模型或 int8_float16 計算類型，或關閉其他使用 GPU 的程序；然後運行：stenodesk doctor --recheck</translation>
    </message>
    <message>
        <source>The GPU ran out of memory: {subject}.</source>
        <translation>GPU 記憶體不足：{subject}。</translation>
    </message>
    <message>
        <source>Stenodesk goes on with int8_float16 on the GPU, which needs less memory; close other programs that use the GPU to keep float16.</source>
        <translation>Stenodesk 改用 GPU 上佔用記憶體較少的 int8_float16 繼續；關閉其他使用 GPU 的程式即可保留 float16。</translation>
    </message>
    <message>
        <source>The GPU ran out of memory in batched decoding.</source>
        <translation>批次解碼時 GPU 記憶體不足。</translation>
    </message>
    <message>
        <source>Stenodesk goes on on the GPU with batches of {subject}; close other programs that use the GPU to keep larger batches.</source>
        <translation>Stenodesk 在 GPU 上改為每批 {subject} 個繼續；關閉其他使用 GPU 的程式即可保留更大的批次。</translation>
    </message>
    <message>
        <source>Preparing the GPU for first use; this can take a few minutes.</source>
        <translation>正在為首次使用準備 GPU，可能需要幾分鐘。</translation>
    </message>
    <message>
        <source>The driver compiles the GPU code for this card once; later starts reuse it.</source>
        <translation>驅動程式會為這張顯示卡編譯一次 GPU 程式碼；之後啟動時直接重複使用。</translation>
    </message>
    <message>
        <source>Restart the computer; if it persists, reinstall the NVIDIA driver and check that your user may use the GPU devices.</source>
        <translation>請重啟电腦；如果問題依舊，請重裝 NVIDIA 驅動，並確認你的用戶有權使用 GPU 設備。</translation>
    </message>
    <message>
        <source>No microphone found{subject}.</source>
        <translation>找不到麥克風{subject}。</translation>
    </message>
    <message>
        <source>Connect a microphone or choose another input device.</source>
        <translation>請連接麥克風，或選擇其他輸入裝置。</translation>
    </message>
    <message>
        <source>The audio device failed: {subject}</source>
        <translation>音訊裝置發生錯誤：{subject}</translation>
    </message>
    <message>
        <source>What was recorded so far is kept; check the device and record again.</source>
        <translation>已錄製的內容會保留；請檢查裝置後重新錄製。</translation>
    </message>
    <message>
        <source>No speaker or headphones to play the audio on{subject}.</source>
        <translation>沒有可以播放音訊的喇叭或耳機{subject}。</translation>
    </message>
    <message>
        <source>Connect an audio output device; transcribing and editing work without one.</source>
        <translation>請連接音訊輸出裝置；沒有它也可以轉錄和編輯。</translation>
    </message>
    <message>
        <source>Start the job again.</source>
        <translation>請重新開始此工作。</translation>
    </message>
    <message>
        <source>{subject} is in the queue already.</source>
        <translation>{subject} 已在佇列中。</translation>
    </message>
    <message>
        <source>Wait for it to finish, or remove it from the queue first.</source>
        <translation>請等它完成，或先把它從佇列中移除。</translation>
    </message>
    <message>
        <source>{subject}: no audio or video files in this folder.</source>
        <translation>{subject}：此資料夾中沒有音訊或影片檔案。</translation>
    </message>
    <message>
        <source>Choose a folder holding media files such as WAV, MP3, M4A or MP4.</source>
        <translation>請選擇包含 WAV、MP3、M4A 或 MP4 等媒體檔案的資料夾。</translation>
    </message>
    <message>
        <source>Line {subject}: those times would end before they start or overlap a line next to it.</source>
        <translation>第 {subject} 行：這些時間會在開始前結束，或與相鄰的行重疊。</translation>
    </message>
    <message>
        <source>Keep the start before the end, within the gap between the lines around it.</source>
        <translation>讓開始早於結束，並位於前後兩行之間的間隙內。</translation>
    </message>
    <message>
        <source>Line {subject} cannot be split there.</source>
        <translation>第 {subject} 行無法在此處分割。</translation>
    </message>
    <message>
        <source>Put the text cursor between two words, with text on both sides.</source>
        <translation>請將文字游標放在兩個字詞之間，兩側都要有文字。</translation>
    </message>
    <message>
        <source>Line {subject} is the last line: there is no next line to merge it with.</source>
        <translation>第 {subject} 行是最後一行：沒有下一行可以合併。</translation>
    </message>
    <message>
        <source>Select the first of the two lines to merge.</source>
        <translation>請選取要合併的兩行中的第一行。</translation>
    </message>
    <message>
        <source>No room for a new line at {subject}.</source>
        <translation>在 {subject} 處沒有空間插入新行。</translation>
    </message>
    <message>
        <source>Move the playhead to a pause between lines, or shorten a line first.</source>
        <translation>請將播放位置移到兩行之間的停頓處，或先縮短某一行。</translation>
    </message>
    <message>
        <source>The search is not a valid regular expression: {subject}</source>
        <translation>搜尋內容不是有效的規則運算式：{subject}</translation>
    </message>
    <message>
        <source>Correct it, or turn off Regular expression to search for the text as typed.</source>
        <translation>請更正它，或關閉「規則運算式」以依輸入的文字搜尋。</translation>
    </message>
    <message>
        <source>Something went wrong inside Stenodesk: {subject}</source>
        <translation>Stenodesk 內部發生錯誤：{subject}</translation>
    </message>
    <message>
        <source>Please report it with the log file attached.</source>
        <translation>請附上記錄檔回報此問題。</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Transcribe</source>
        <translation>轉錄</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>即時</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
</context>
</TS>

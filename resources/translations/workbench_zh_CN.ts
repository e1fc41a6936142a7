<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../workbench/gui/help_about.py" line="+23"/>
        <source>available: CUDA {version}, {devices}</source>
        <translation>可用：CUDA {version}，{devices}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not available (built for CUDA {version}, but no GPU or driver found)</source>
        <translation>不可用（为 CUDA {version} 构建，但未找到 GPU 或驱动）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not available (a CPU-only build of torch)</source>
        <translation>不可用（torch 为仅 CPU 版本）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location line="+11"/>
        <source>About LM Workbench</source>
        <translation>关于 LM Workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h2&gt;LM Workbench {version}&lt;/h2&gt;&lt;p&gt;Label text, prepare a corpus, train a small Transformer and look inside it, offline.&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;LM Workbench（语言模型工作台）{version}&lt;/h2&gt;&lt;p&gt;离线标注文本、准备语料、训练小型 Transformer 并查看其内部。&lt;/p&gt;&lt;p&gt;MIT 许可证。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy versions</source>
        <translation>复制版本信息</translation>
    </message>
</context>
<context>
    <name>AnnotateTab</name>
    <message>
        <location filename="../../workbench/gui/annotate_tab.py" line="+125"/>
        <source>%v of %m labelled</source>
        <translation>已标注 %v / %m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the next document after labelling</source>
        <translation>标注后跳到下一篇文档</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New label name</source>
        <translation>新标签名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Label: {name}</source>
        <translation>标签：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../workbench/gui/app.py" line="+181"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>AttentionTab</name>
    <message>
        <location filename="../../workbench/gui/attention_tab.py" line="+47"/>
        <source>Type a text to inspect, e.g. 春眠不觉晓，处处闻啼鸟。</source>
        <translation>输入要查看的文本，例如：春眠不觉晓，处处闻啼鸟。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the current document</source>
        <translation>使用当前文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the document open in the Annotate tab into the text field</source>
        <translation>把标注页中打开的文档复制到文本框</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the mouse over the heatmap to read a weight.</source>
        <translation>将鼠标移到热力图上可查看权重。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Head:</source>
        <translation>注意力头：</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Run {run}, step {step}, validation loss {loss}</source>
        <translation>运行 {run}，第 {step} 步，验证损失 {loss}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No document is open in the Annotate tab.</source>
        <translation>标注页中没有打开的文档。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No checkpoint yet. Train a model in the Train tab first.</source>
        <translation>还没有检查点。请先在“训练”标签页中训练模型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type a text to inspect first.</source>
        <translation>请先输入要查看的文本。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{tokens} tokens; {layers} layers × {heads} heads (counted from 0).</source>
        <translation>{tokens} 个词元；{layers} 层 × {heads} 个头（从 0 开始编号）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The text has {total} tokens; the model&apos;s context shows the first {shown}.</source>
        <translation>该文本有 {total} 个词元；受模型上下文长度限制，只显示前 {shown} 个。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>query {q} “{qt}” → key {k} “{kt}”: {weight:.4f}</source>
        <translation>查询 {q}“{qt}”→ 键 {k}“{kt}”：{weight:.4f}</translation>
    </message>
</context>
<context>
    <name>CorpusTab</name>
    <message>
        <location filename="../../workbench/gui/corpus_tab.py" line="+50"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+96"/>
        <source>Import text</source>
        <translation>导入文本</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>One document per line</source>
        <translation>每行一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One document per paragraph</source>
        <translation>每段一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One document per file</source>
        <translation>每个文件一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split:</source>
        <translation>拆分方式：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Byte-level BPE</source>
        <translation>字节级 BPE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character</source>
        <translation>字符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Train tokenizer</source>
        <translation>训练分词器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vocabulary size:</source>
        <translation>词表大小：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Encode</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encode corpus</source>
        <translation>编码语料</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Splits documents 90 / 10 into training and validation.</source>
        <translation>按 90 / 10 将文档划分为训练集和验证集。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tokens of a sample document appear here after the tokenizer is trained.</source>
        <translation>训练分词器后，这里显示一篇示例文档的词元。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No project open. Use File ▸ New project or File ▸ Open project.</source>
        <translation>没有打开的项目。请使用“文件 ▸ 新建项目”或“文件 ▸ 打开项目”。</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Trained a tokenizer with a vocabulary of {size} tokens.</source>
        <translation>分词器已训练完成，词表大小为 {size} 个词元。</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>{documents} documents, {characters} characters. Tokenizer: {tokenizer}. Encoded: {encoded}.</source>
        <translation>{documents} 篇文档，{characters} 个字符。分词器：{tokenizer}。已编码：{encoded}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Text (*.txt *.jsonl *.ndjson);;All files (*)</source>
        <translation>文本 (*.txt *.jsonl *.ndjson);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a folder of .txt files</source>
        <translation>导入包含 .txt 文件的文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported {documents} documents from {files} file(s); skipped {blank} blank line(s).</source>
        <translation>已从 {files} 个文件导入 {documents} 篇文档；跳过 {blank} 个空行。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Training tokenizer…</source>
        <translation>正在训练分词器…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Encoding…</source>
        <translation>正在编码…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Encoded {train} training and {val} validation tokens ({dtype}).</source>
        <translation>已编码 {train} 个训练词元和 {val} 个验证词元（{dtype}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The job failed</source>
        <translation>任务失败</translation>
    </message>
</context>
<context>
    <name>DocsDialog</name>
    <message>
        <location filename="../../workbench/gui/help_docs.py" line="+43"/>
        <source>LM Workbench user guide</source>
        <translation>LM Workbench 用户指南</translation>
    </message>
</context>
<context>
    <name>LogPane</name>
    <message>
        <location filename="../../workbench/gui/log_pane.py" line="+90"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show from:</source>
        <translation>最低级别：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>… {count} older messages dropped</source>
        <translation>…… 已丢弃 {count} 条较早的消息</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workbench/gui/main_window.py" line="+61"/>
        <source>Corpus</source>
        <translation>语料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open or create a project to begin.</source>
        <translation>请打开或新建一个项目以开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some settings were invalid and were reset; see the log (View ▸ Log) for details.</source>
        <translation>部分设置无效，已恢复为默认值；详情见日志（视图 ▸ 日志）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About LM Workbench</source>
        <translation>关于 LM Workbench(&amp;A)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose an empty folder for the new project</source>
        <translation>为新项目选择一个空文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a project folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no project</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LM Workbench — {name}</source>
        <translation>LM Workbench — {name}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose an empty folder for the export</source>
        <translation>为导出选择一个空文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>⚠ %n error(s) in the log</source>
        <translation>
            <numerusform>⚠ 日志中有 %n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Cannot save the settings: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No font with Chinese glyphs is installed, so Chinese text shows as empty boxes. Install one, for example Noto Sans CJK (fonts-noto-cjk) or WenQuanYi Micro Hei (fonts-wqy-microhei) on Linux, then restart LM Workbench. This notice is shown once.</source>
        <translation>未安装含中文字形的字体，中文会显示为空方框。请安装一种字体，例如 Linux 上的 Noto Sans CJK（fonts-noto-cjk）或文泉驿微米黑（fonts-wqy-microhei），然后重新启动 LM Workbench。此提示只显示一次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Until then the interface is in English.</source>
        <translation>在此之前，界面使用英文。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese font missing</source>
        <translation>缺少中文字体</translation>
    </message>
    <message>
        <source>About LM Workbench</source>
        <translation type="vanished">关于 LM Workbench</translation>
    </message>
    <message>
        <source>LM Workbench {version}
Python {python}
torch {torch} ({accelerators})
Qt (PySide6) {qt}</source>
        <translation type="vanished">LM Workbench {version}
Python {python}
torch {torch}（{accelerators}）
Qt (PySide6) {qt}</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation type="vanished">仅 CPU</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../workbench/gui/settings_dialog.py" line="+42"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A new language takes effect when LM Workbench restarts.</source>
        <translation>新语言在 LM Workbench 重新启动后生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow the system (light or dark)</source>
        <translation>跟随系统（浅色或深色）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your name, stored with the labels you make</source>
        <translation>你的名字，随你的标注一起保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (CUDA, then MPS, then CPU)</source>
        <translation>自动（依次选择 CUDA、MPS、CPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA GPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MPS (Apple GPU)</source>
        <translation>MPS（Apple GPU）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (bfloat16 where the device supports it)</source>
        <translation>自动（设备支持时使用 bfloat16）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator name:</source>
        <translation>标注者姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Autosave every:</source>
        <translation>自动保存间隔：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training defaults</source>
        <translation>训练默认值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint every:</source>
        <translation>检查点间隔：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored in {path}</source>
        <translation>保存在 {path}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{device} – not available on this computer</source>
        <translation>{device} – 本机不可用</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Restart now?</source>
        <translation>现在重新启动？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language takes effect when LM Workbench restarts. Restart now?</source>
        <translation>新语言在 LM Workbench 重新启动后生效。现在重新启动吗？</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../workbench/gui/help_shortcuts.py" line="+43"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+3"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply the label with that key to the current document</source>
        <translation>给当前文档加上该键对应的标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous / next document (with the text focused)</source>
        <translation>上一个 / 下一个文档（焦点在正文时）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up / Down</source>
        <translation>上 / 下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the label typed in the new-label field</source>
        <translation>添加在新标签输入框中输入的标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Label “{name}”</source>
        <translation>标签“{name}”</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../workbench/gui/train_tab.py" line="+71"/>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context length:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden size:</source>
        <translation>隐藏层维度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layers:</source>
        <translation>层数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heads:</source>
        <translation>注意力头数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log every (steps):</source>
        <translation>日志间隔（步）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validate every (steps):</source>
        <translation>验证间隔（步）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+98"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Tokens/s: –</source>
        <translation>词元/秒：–</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The corpus is not encoded yet. Encode it in the Corpus tab first.</source>
        <translation>语料尚未编码。请先在“语料”标签页中编码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hidden size {hidden} is not divisible by {heads} heads; change one of them.</source>
        <translation>隐藏层维度 {hidden} 不能被注意力头数 {heads} 整除，请修改其中之一。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopping after the current step…</source>
        <translation>将在当前步完成后停止…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run {run}: {parameters} parameters.</source>
        <translation>运行 {run}：{parameters} 个参数。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tokens/s: {rate}</source>
        <translation>词元/秒：{rate}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step {step} of {total}</source>
        <translation>第 {step} / {total} 步</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Run {run} stopped at step {step}: validation loss {loss:.4f}. Checkpoint: {path}</source>
        <translation>运行 {run} 在第 {step} 步停止：验证损失 {loss:.4f}。检查点：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run {run} finished at step {step}: validation loss {loss:.4f}. Checkpoint: {path}</source>
        <translation>运行 {run} 在第 {step} 步完成：验证损失 {loss:.4f}。检查点：{path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
</context>
</TS>

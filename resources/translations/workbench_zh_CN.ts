<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>GeneratePanel</name>
    <message>
        <location filename="../../workbench/gui/train_generate.py" line="+39"/>
        <source>Prompt (empty: start a new document)</source>
        <translation>提示词（留空则从新文档开始）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>0 always picks the most likely token</source>
        <translation>0 表示总是选择概率最高的词元</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample among the k most likely tokens; 0 for all</source>
        <translation>在概率最高的 k 个词元中采样；0 表示不限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tokens:</source>
        <translation>新词元数：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>run {run}: latest (step {step})</source>
        <translation>运行 {run}：最新（第 {step} 步）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run {run}: best (validation loss {loss:.4f})</source>
        <translation>运行 {run}：最佳（验证损失 {loss:.4f}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No checkpoint yet. Train a model first.</source>
        <translation>还没有检查点。请先训练一个模型。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} new tokens.</source>
        <translation>生成了 {count} 个新词元。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workbench/gui/main_window.py" line="+48"/>
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
        <location line="+7"/>
        <source>Open or create a project to begin.</source>
        <translation>请打开或新建一个项目以开始。</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About LM Workbench</source>
        <translation>关于 LM Workbench(&amp;A)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <location line="+7"/>
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
    <message>
        <location line="+22"/>
        <source>About LM Workbench</source>
        <translation>关于 LM Workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LM Workbench {version}
Python {python}
torch {torch} ({accelerators})
Qt (PySide6) {qt}</source>
        <translation>LM Workbench {version}
Python {python}
torch {torch}（{accelerators}）
Qt (PySide6) {qt}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <location filename="../../workbench/gui/train_runs.py" line="+49"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Best validation</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Notes on the selected run</source>
        <translation>所选运行的备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save notes</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume run</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the selected run from its latest checkpoint</source>
        <translation>从最新检查点继续所选运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use its settings</source>
        <translation>使用其设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export metrics as CSV…</source>
        <translation>将指标导出为 CSV…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Settings and result:</source>
        <translation>设置与结果：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Notes saved for run {run}.</source>
        <translation>已保存运行 {run} 的备注。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote {count} metric rows to {path}.</source>
        <translation>已将 {count} 行指标写入 {path}。</translation>
    </message>
</context>
<context>
    <name>TrainPlots</name>
    <message>
        <location filename="../../workbench/gui/train_plots.py" line="+120"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+155"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+155"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>Exponential moving average of the training loss, as in TensorBoard</source>
        <translation>训练损失的指数移动平均（与 TensorBoard 相同）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grid</source>
        <translation>网格线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>run {run}</source>
        <translation>运行 {run}</translation>
    </message>
</context>
<context>
    <name>TrainSettingsForm</name>
    <message>
        <location filename="../../workbench/gui/train_settings.py" line="+41"/>
        <source>Preset:</source>
        <translation>预设：</translation>
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
        <source>Context length:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Gradient accumulation:</source>
        <translation>梯度累积：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final learning rate:</source>
        <translation>最终学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up steps:</source>
        <translation>预热步数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam β1:</source>
        <translation>Adam β1：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam β2:</source>
        <translation>Adam β2：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient clipping (0 = off):</source>
        <translation>梯度裁剪（0 = 关闭）：</translation>
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
        <location line="+1"/>
        <source>Validation batches (0 = all):</source>
        <translation>验证批次数（0 = 全部）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint every (0 = at validation):</source>
        <translation>检查点间隔（0 = 每次验证时）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep best checkpoints:</source>
        <translation>保留最佳检查点数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Early-stopping patience (0 = off):</source>
        <translation>早停耐心（0 = 关闭）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum improvement:</source>
        <translation>最小改进量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On NaN/inf loss:</source>
        <translation>损失为 NaN/inf 时：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after skipped steps in a row:</source>
        <translation>连续跳过多少步后停止：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>torch.compile</source>
        <translation>torch.compile 编译</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimization</source>
        <translation>优化</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Validation and checkpoints</source>
        <translation>验证与检查点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>tiny (CPU)</source>
        <translation>tiny（CPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small (GPU, under 8 GiB)</source>
        <translation>small（GPU，8 GiB 以下）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base (GPU, 8 GiB or more)</source>
        <translation>base（GPU，8 GiB 及以上）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto (bf16/fp16 on CUDA, else fp32)</source>
        <translation>自动（CUDA 上用 bf16/fp16，否则 fp32）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skip the step</source>
        <translation>跳过该步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <source>Steps:</source>
        <translation type="vanished">步数：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="vanished">批大小：</translation>
    </message>
    <message>
        <source>Context length:</source>
        <translation type="vanished">上下文长度：</translation>
    </message>
    <message>
        <source>Hidden size:</source>
        <translation type="vanished">隐藏层维度：</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation type="vanished">层数：</translation>
    </message>
    <message>
        <source>Heads:</source>
        <translation type="vanished">注意力头数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="vanished">学习率：</translation>
    </message>
    <message>
        <source>Log every (steps):</source>
        <translation type="vanished">日志间隔（步）：</translation>
    </message>
    <message>
        <source>Validate every (steps):</source>
        <translation type="vanished">验证间隔（步）：</translation>
    </message>
    <message>
        <location filename="../../workbench/gui/train_tab.py" line="+79"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+78"/>
        <location line="+51"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens/s: –</source>
        <translation>词元/秒：–</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Runs</source>
        <translation>运行列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>step</source>
        <translation type="vanished">步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="vanished">损失</translation>
    </message>
    <message>
        <source>training</source>
        <translation type="vanished">训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="vanished">验证</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The corpus is not encoded yet. Encode it in the Corpus tab first.</source>
        <translation>语料尚未编码。请先在“语料”标签页中编码。</translation>
    </message>
    <message>
        <source>Hidden size {hidden} is not divisible by {heads} heads; change one of them.</source>
        <translation type="vanished">隐藏层维度 {hidden} 不能被注意力头数 {heads} 整除，请修改其中之一。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+60"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Resuming run {run}…</source>
        <translation>正在继续运行 {run}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Continuing…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pausing after the current step…</source>
        <translation>将在当前步之后暂停…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopping after the current step…</source>
        <translation>将在当前步完成后停止…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Paused at step {step}.</source>
        <translation>已在第 {step} 步暂停。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step {step}: checkpoint saved to {path}</source>
        <translation>第 {step} 步：检查点已保存到 {path}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Device: {device} ({precision})</source>
        <translation>设备：{device}（{precision}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run {run}: {parameters} parameters.</source>
        <translation>运行 {run}：{parameters} 个参数。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tokens/s: {rate}</source>
        <translation>词元/秒：{rate}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step {step} of {total}</source>
        <translation>第 {step} / {total} 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time left: about {eta}</source>
        <translation>剩余时间：约 {eta}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Run {run} finished at step {step}: validation loss {loss:.4f}.</source>
        <translation>运行 {run} 在第 {step} 步完成：验证损失 {loss:.4f}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run {run} stopped early at step {step}: validation loss {loss:.4f}.</source>
        <translation>运行 {run} 在第 {step} 步提前停止：验证损失 {loss:.4f}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run {run} stopped at step {step}: validation loss {loss:.4f}. Resume it from the run list.</source>
        <translation>运行 {run} 在第 {step} 步停止：验证损失 {loss:.4f}。可在运行列表中继续。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run {run} stopped at step {step} on a NaN/inf loss; the last good checkpoint is kept.</source>
        <translation>运行 {run} 在第 {step} 步因损失为 NaN/inf 而停止；已保留最后一个正常的检查点。</translation>
    </message>
    <message>
        <source>Run {run} stopped at step {step}: validation loss {loss:.4f}. Checkpoint: {path}</source>
        <translation type="vanished">运行 {run} 在第 {step} 步停止：验证损失 {loss:.4f}。检查点：{path}</translation>
    </message>
    <message>
        <source>Run {run} finished at step {step}: validation loss {loss:.4f}. Checkpoint: {path}</source>
        <translation type="vanished">运行 {run} 在第 {step} 步完成：验证损失 {loss:.4f}。检查点：{path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
</context>
</TS>

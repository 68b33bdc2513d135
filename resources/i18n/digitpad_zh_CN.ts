<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Canvas</name>
    <message>
        <location filename="../../src/digitpad/gui/canvas.py" line="200"/>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="41"/>
        <source>Rows: the true digit. Columns: the network&apos;s guess. Off the diagonal are its mistakes.</source>
        <translation>行：真实的数字。列：网络的猜测。对角线以外的格子是它犯的错。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="91"/>
        <source>%1 of %2 test digits %3 was read correctly.</source>
        <translation>%2 个测试数字 %3 中，%1 个认对了。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="93"/>
        <source>%1 of %2 test digits %3 were read correctly.</source>
        <translation>%2 个测试数字 %3 中，%1 个认对了。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="97"/>
        <source>%1 of %2 test digits %3 was read as %4.</source>
        <translation>%2 个测试数字 %3 中，%1 个被认成了 %4。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="99"/>
        <source>%1 of %2 test digits %3 were read as %4.</source>
        <translation>%2 个测试数字 %3 中，%1 个被认成了 %4。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="131"/>
        <source>The confusion matrix appears
after training.</source>
        <translation>训练完成后
这里显示混淆矩阵。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="139"/>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="145"/>
        <source>true</source>
        <translation>真实</translation>
    </message>
</context>
<context>
    <name>DigitStrip</name>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="211"/>
        <source>Misclassified test digits appear here after training.</source>
        <translation>训练完成后，这里显示被认错的测试数字。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/result_views.py" line="227"/>
        <source>read %1, was %2</source>
        <translation>认成 %1，实为 %2</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="53"/>
        <source>The 28x28 image the network actually receives: your drawing cropped, scaled to 20 pixels and centred by its centre of mass, the way MNIST digits were made.</source>
        <translation>网络真正收到的 28x28 图像：你的笔迹被裁剪、缩放到 20 像素，再按质心居中——和 MNIST 数字的制作方法一样。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="83"/>
        <source>Thin</source>
        <translation>细</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="83"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="83"/>
        <source>Thick</source>
        <translation>粗</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="86"/>
        <source>Brush width: %1</source>
        <translation>笔刷粗细：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="92"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="93"/>
        <source>Erase instead of drawing (E)</source>
        <translation>擦除而不是书写（E）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="96"/>
        <source>Number</source>
        <translation>多位数</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="99"/>
        <source>Read several digits written side by side (a year, a phone number). Leave a little space between digits; each one is split off and recognised on its own (N).</source>
        <translation>识别并排书写的几个数字（年份、电话号码）。数字之间请留一点空隙；每个数字会被分开单独识别（N）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="106"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="107"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="108"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="109"/>
        <source>Take back the last stroke (Ctrl+Z, right click)</source>
        <translation>撤销最后一笔（Ctrl+Z，右键）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="110"/>
        <source>Put the stroke back (Ctrl+Shift+Z)</source>
        <translation>恢复这一笔（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="112"/>
        <source>Start again (Esc or Delete); Undo brings the drawing back</source>
        <translation>重新开始（Esc 或 Delete）；“撤销”可找回刚才画的内容</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="264"/>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="343"/>
        <source>no digit?</source>
        <translation>不是数字？</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="272"/>
        <source>%1% sure: a crossed zero, read without its line</source>
        <translation>%1% 把握：带斜线的零，去掉这条线后识别</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="279"/>
        <source>%1 or %2?</source>
        <translation>%1 还是 %2？</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="282"/>
        <source>Not sure: %1 (%2%) or %3 (%4%)</source>
        <translation>不确定：%1（%2%）还是 %3（%4%）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="292"/>
        <source>Below %1% digitpad does not claim a digit. The threshold was chosen on writers this network never saw, so that answers shown as sure are right at least 99% of the time.</source>
        <translation>低于 %1% 时，digitpad 不会断定是哪个数字。这个阈值是在该网络从未见过的书写者身上选定的，使显示为“确定”的答案至少有 99% 是正确的。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="127"/>
        <source>What the network sees</source>
        <translation>网络看到的图像</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="310"/>
        <source>%1 of %2 places no digit? (shown as –).</source>
        <translation>%2 个位置中有 %1 个不是数字？（显示为 –）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="312"/>
        <source>%1 of %2 digits not sure (shown as ?).</source>
        <translation>%2 个数字中有 %1 个不确定（显示为 ?）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="315"/>
        <source>All %2 digits sure (lowest %1%).</source>
        <translation>%2 个数字都有把握（最低 %1%）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="316"/>
        <source>Bars and input: the last digit.</source>
        <translation>柱状图和输入图像：最后一个数字。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="262"/>
        <source>Draw a digit on the board, 0 to 9.</source>
        <translation>在画板上写一个 0 到 9 的数字。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="331"/>
        <source>This looks like a scribble, not a digit: every digit about equally likely.</source>
        <translation>这看起来是随手涂画，不是数字：每个数字的可能性都差不多。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="333"/>
        <source>Marks inside a ring: a face or a drawing, not a digit.</source>
        <translation>圆圈里有几处笔画：像一张脸或一幅画，不是数字。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="335"/>
        <source>Too much ink to be a digit: a filled blob or a dense scribble.</source>
        <translation>墨迹太多，不像数字：是一团涂满的墨块或密集的涂画。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="337"/>
        <source>No digit yet: a line on its own is not a digit.</source>
        <translation>还没有数字：单独一条线不是数字。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="338"/>
        <source>No digit yet: too little ink to read.</source>
        <translation>还没有数字：笔迹太少，无法识别。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/draw_tab.py" line="274"/>
        <source>%1% sure</source>
        <translation>%1% 把握</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="31"/>
        <source>Model history</source>
        <translation>模型历史</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="35"/>
        <source>Every model you used is kept here (the last %1). Pick one to use it again.</source>
        <translation>你用过的每个模型都保存在这里（最近 %1 个）。选择一个即可重新使用。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="44"/>
        <source>Use this model</source>
        <translation>使用这个模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="92"/>
        <source>The shipped model</source>
        <translation>自带模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="78"/>
        <source>%1  (in use)</source>
        <translation>%1  （使用中）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="97"/>
        <source>%1  ·  unreadable</source>
        <translation>%1  ·  无法读取</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="100"/>
        <source>MNIST test %1</source>
        <translation>MNIST 测试 %1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="102"/>
        <source>pen, unseen writers %1</source>
        <translation>手写笔数字（未见过的书写者）%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="104"/>
        <source>personalised</source>
        <translation>已个性化</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="129"/>
        <source>Cannot use this model: %1</source>
        <translation>无法使用这个模型：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/history_dialog.py" line="132"/>
        <source>The Draw tab now uses this model.</source>
        <translation>“书写”页现在使用这个模型。</translation>
    </message>
</context>
<context>
    <name>InsideTab</name>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="110"/>
        <source>Each square is one neuron of the first hidden layer, showing the weight it gives each of the 784 input pixels: red means ink there excites it, blue means ink there inhibits it.</source>
        <translation>每个方块是第一隐藏层的一个神经元，显示它给 784 个输入像素的权重：红色表示那里有笔迹会激活它，蓝色表示会抑制它。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="117"/>
        <source>Which pixels pushed the top guess up (red) or down (blue): the gradient of its score with respect to each input pixel, shown where there is ink or could be.</source>
        <translation>哪些像素提高了（红）或降低了（蓝）最高猜测的得分：得分对每个输入像素的梯度，在有笔迹或可能有笔迹的地方显示。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="124"/>
        <source>How strongly each hidden neuron fires for your drawing, one square per layer: each pixel is a neuron, darker is stronger.</source>
        <translation>每个隐藏神经元对你的笔迹的激活强度，每层一个方块：每个像素是一个神经元，颜色越深越强。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="132"/>
        <source>&lt;span style=&apos;color:%1&apos;&gt;■&lt;/span&gt; red: ink there pushes up (excites) &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;■&lt;/span&gt; blue: ink there pushes down (inhibits) &amp;nbsp; white: no effect; stronger colour, stronger effect</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;■&lt;/span&gt; 红色：那里的笔迹起促进（兴奋）作用 &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;■&lt;/span&gt; 蓝色：那里的笔迹起抑制作用 &amp;nbsp; 白色：没有影响；颜色越深，作用越强</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="142"/>
        <source>What the first-layer neurons look for (the 64 strongest)</source>
        <translation>第一层神经元在寻找什么（最强的 64 个）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="147"/>
        <source>Your drawing, seen from inside</source>
        <translation>从内部看你的笔迹</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="152"/>
        <source>&lt;span style=&apos;color:%1&apos;&gt;■&lt;/span&gt; red: ink there raises the guess; &lt;span style=&apos;color:%2&apos;&gt;■&lt;/span&gt; blue: ink there lowers it; the dark line is the outline of your drawing.</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;■&lt;/span&gt; 红色：那里的笔迹使猜测更可能；&lt;span style=&apos;color:%2&apos;&gt;■&lt;/span&gt; 蓝色：那里的笔迹使它更不可能；深色线条是你的书写轮廓。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="161"/>
        <source>Pixels for and against the guess</source>
        <translation>支持和反对这个猜测的像素</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="164"/>
        <source>Hidden neurons firing</source>
        <translation>被激活的隐藏神经元</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="182"/>
        <source>The network the Draw tab uses.</source>
        <translation>“书写”页使用的网络。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="191"/>
        <source>The network being trained, after epoch %1 (the Draw tab uses it too).</source>
        <translation>正在训练的网络，第 %1 轮之后（“书写”页也在使用它）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="194"/>
        <source>The network being trained, after epoch %1. The right side shows the network the Draw tab uses.</source>
        <translation>正在训练的网络，第 %1 轮之后。右侧显示的是“书写”页使用的网络。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="209"/>
        <source>%1 of %2</source>
        <translation>%2 个中的 %1 个</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="233"/>
        <source>The network names no digit for this drawing (no digit?), so there is no guess to look inside. Draw a digit in the Draw tab.</source>
        <translation>网络认为这幅画不是数字（不是数字？），所以没有可以查看的猜测。请在“书写”页写一个数字。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="238"/>
        <source>Draw a digit in the Draw tab to look inside the network.</source>
        <translation>在“书写”页写一个数字，就能看到网络内部。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="254"/>
        <source>Guess %1. Active neurons per hidden layer: %2.</source>
        <translation>猜测：%1。每个隐藏层中被激活的神经元：%2。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="260"/>
        <source>A crossed zero: the network read it without the line through it, and shows it so.</source>
        <translation>带斜线的零：网络去掉穿过它的线后识别，这里显示的也是去掉线后的样子。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/inside_tab.py" line="264"/>
        <source>This network reads every drawing five times, as drawn and moved one pixel each way, and averages the answers (nudged reading): the neurons shown fire for the drawing as drawn, and the pixels for and against are averaged over the five readings.</source>
        <translation>这个网络会把每个手写数字读五遍：原样读一遍，再分别向上、下、左、右各移一个像素读一遍，然后取答案的平均（微移读取）。这里显示的神经元是对原样的手写数字激活的；支持和反对猜测的像素则是五次读取的平均。</translation>
    </message>
</context>
<context>
    <name>KeepResult</name>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="15"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="22"/>
        <source>MNIST test (10,000 digits)</source>
        <translation>MNIST 测试集（10,000 个数字）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="27"/>
        <source>Pen digits by writers it never saw</source>
        <translation>未见过的书写者的手写笔数字</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="32"/>
        <source>New</source>
        <translation>新模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="33"/>
        <source>In use</source>
        <translation>正在使用</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="46"/>
        <source>The new model reads worse</source>
        <translation>新模型识别得更差</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="47"/>
        <source>The new model reads worse than the one in use. Use it anyway?</source>
        <translation>新模型的识别效果不如正在使用的模型。仍要使用它吗？</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="54"/>
        <source>Use the new model</source>
        <translation>使用新模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="57"/>
        <source>Keep the one in use</source>
        <translation>保留正在使用的模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="71"/>
        <source>Keep the trained model?</source>
        <translation>保留训练好的模型？</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="72"/>
        <source>The model you trained is neither used nor saved. Use it, save it, or discard it?</source>
        <translation>你训练的模型既未使用也未保存。使用、保存还是丢弃它？</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="81"/>
        <source>Use it</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="84"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="87"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/keep_result.py" line="91"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LinePlot</name>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="45"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="47"/>
        <source>Save these plots as a PNG image, or the numbers behind them as CSV.</source>
        <translation>将这些图表保存为 PNG 图片，或将其中的数据保存为 CSV。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="53"/>
        <source>Save plots as PNG…</source>
        <translation>将图表保存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="54"/>
        <source>Save history as CSV…</source>
        <translation>将训练记录保存为 CSV…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="201"/>
        <source>No training yet</source>
        <translation>尚未训练</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="335"/>
        <source>Save plots</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="340"/>
        <source>Save history</source>
        <translation>保存训练记录</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="349"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/plots.py" line="349"/>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="49"/>
        <source>Draw</source>
        <translation>书写</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="61"/>
        <source>Your saved window settings could not be read; defaults are used.</source>
        <translation>无法读取已保存的窗口设置，已使用默认设置。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="84"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="86"/>
        <source>Inside</source>
        <translation>内部</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="88"/>
        <source>My handwriting</source>
        <translation>我的笔迹</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="122"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="124"/>
        <source>&amp;Open image…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="127"/>
        <source>&amp;Paste image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="131"/>
        <source>&amp;Save drawing as PNG…</source>
        <translation>将笔迹保存为 PNG(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="138"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="140"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="145"/>
        <source>&amp;Undo stroke</source>
        <translation>撤销一笔(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="146"/>
        <source>&amp;Redo stroke</source>
        <translation>重做一笔(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="147"/>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="148"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="149"/>
        <source>Read a &amp;number</source>
        <translation>识别多位数(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="154"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="158"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="165"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="166"/>
        <source>&amp;About digitpad</source>
        <translation>关于 digitpad(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="169"/>
        <source>Model: </source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="175"/>
        <source>Open an image of a digit</source>
        <translation>打开一张数字图片</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="185"/>
        <source>Cannot open image</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="193"/>
        <source>%1 holds no digit (no ink found). Undo brings back your drawing.</source>
        <translation>%1 中没有数字（未找到笔迹）。“撤销”可找回你之前画的内容。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="198"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="204"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="213"/>
        <source>clipboard image</source>
        <translation>剪贴板图片</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="218"/>
        <source>Nothing to save: the board is empty.</source>
        <translation>没有可保存的内容：画板是空的。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="222"/>
        <source>Save drawing</source>
        <translation>保存笔迹</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="236"/>
        <source>Cannot save drawing</source>
        <translation>无法保存笔迹</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="238"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="244"/>
        <source>The language changes when digitpad starts again.</source>
        <translation>重新启动 digitpad 后语言才会改变。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="255"/>
        <source>Cannot keep the sample</source>
        <translation>无法保存样本</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/main_window.py" line="261"/>
        <source>Kept as a %1 in your handwriting samples (%2 in all).</source>
        <translation>已作为 %1 存入你的手写样本（共 %2 个）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/about.py" line="19"/>
        <source>About digitpad</source>
        <translation>关于 digitpad</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/about.py" line="21"/>
        <source>&lt;h3&gt;digitpad %1&lt;/h3&gt;&lt;p&gt;Draw digits; a neural network written from scratch in NumPy recognises them.&lt;/p&gt;&lt;p&gt;NumPy %2 · Qt/PySide6 %3 · Pillow %4&lt;/p&gt;&lt;p&gt;MNIST (LeCun, Cortes, Burges) is used under CC BY-SA 3.0; the shipped weights were trained on it.&lt;/p&gt;&lt;p&gt;Pen-written digits: the UNIPEN data set of on-line handwriting, train_r01_v07, category 1a, by The International Unipen Foundation (Guyon et al., 1994), used under CC BY 4.0 and shipped in a compact form; the shipped weights were trained on it too.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;digitpad %1&lt;/h3&gt;&lt;p&gt;画出数字；一个用 NumPy 从零写成的神经网络会识别它们。&lt;/p&gt;&lt;p&gt;NumPy %2 · Qt/PySide6 %3 · Pillow %4&lt;/p&gt;&lt;p&gt;MNIST（LeCun、Cortes、Burges）按 CC BY-SA 3.0 许可使用；随附的权重是用它训练的。&lt;/p&gt;&lt;p&gt;手写笔数字：UNIPEN 在线手写数据集 train_r01_v07 的 1a 类，由国际 Unipen 基金会（The International Unipen Foundation，Guyon 等，1994）提供，按 CC BY 4.0 许可使用，以紧凑形式随应用提供；随附的权重也用它训练过。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MnistSource</name>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="28"/>
        <source>No internet connection — choose a folder that has the MNIST files.</source>
        <translation>没有网络连接——请选择一个存有 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="31"/>
        <source>The download servers cannot be reached — try later, or choose a folder with the MNIST files.</source>
        <translation>无法连接下载服务器——请稍后再试，或选择一个存有 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="35"/>
        <source>The download servers sent no usable MNIST files — try later, or choose a folder with them.</source>
        <translation>下载服务器没有发来可用的 MNIST 文件——请稍后再试，或选择一个存有这些文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="39"/>
        <source>The download stalled — try again, or choose a folder with the MNIST files.</source>
        <translation>下载停滞了——请重试，或选择一个存有 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="43"/>
        <source>The MNIST files cannot be saved there — choose another data folder.</source>
        <translation>无法在那里保存 MNIST 文件——请选择另一个数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="46"/>
        <source>Download cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="47"/>
        <source>The download failed — choose a folder that has the MNIST files.</source>
        <translation>下载失败——请选择一个存有 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="98"/>
        <source>The folder cannot be remembered for next time: %1</source>
        <translation>无法记住该文件夹以供下次使用：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="106"/>
        <source>Folder with the MNIST files</source>
        <translation>存放 MNIST 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="123"/>
        <source>MNIST is needed</source>
        <translation>需要 MNIST</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="118"/>
        <source>Training needs the MNIST digits (about 11 MB), which are not in this folder:
%1

Download them now, or choose a folder that already has them?</source>
        <translation>训练需要 MNIST 数字（约 11 MB），但这个文件夹中没有：
%1

现在下载，还是选择一个已经有这些文件的文件夹？</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="127"/>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="143"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="128"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="142"/>
        <source>Downloading MNIST…</source>
        <translation>正在下载 MNIST…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="142"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="158"/>
        <source>Downloading %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="164"/>
        <source>Downloading %1: no data for %2 s, giving up in %3 s…</source>
        <translation>正在下载 %1：已 %2 秒没有收到数据，%3 秒后放弃…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="175"/>
        <source>MNIST downloaded. Press Start to train.</source>
        <translation>MNIST 已下载。按“开始”进行训练。</translation>
    </message>
</context>
<context>
    <name>MnistSourceView</name>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="210"/>
        <source>Data folder…</source>
        <translation>数据文件夹…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="211"/>
        <source>Choose the folder that holds the four MNIST files.</source>
        <translation>选择存放四个 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="216"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="217"/>
        <source>What each download server answered.</source>
        <translation>每个下载服务器的回应。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="233"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="233"/>
        <source>MNIST not found</source>
        <translation>未找到 MNIST</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="234"/>
        <source>Data: %1 (%2)</source>
        <translation>数据：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/mnist_source.py" line="246"/>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
</context>
<context>
    <name>ModelActions</name>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="59"/>
        <source>&amp;Load model…</source>
        <translation>加载模型(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="60"/>
        <source>Save model &amp;as…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="61"/>
        <source>&amp;Revert to the shipped model</source>
        <translation>恢复为自带模型(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="62"/>
        <source>Model &amp;history…</source>
        <translation>模型历史(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="83"/>
        <source>The shipped model is already in use: there is nothing to revert.</source>
        <translation>自带模型已在使用中，无需恢复。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="86"/>
        <source>Recognise with the model digitpad came with again; the current one stays in File &gt; Model history.</source>
        <translation>重新使用 digitpad 自带的模型进行识别；当前模型仍保存在“文件 &gt; 模型历史”中。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="95"/>
        <source>Load a model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="106"/>
        <source>Cannot load model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="107"/>
        <source>%1

The current model is unchanged.</source>
        <translation>%1

当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="110"/>
        <source>Now using %1</source>
        <translation>正在使用 %1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="29"/>
        <source>Save model as</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="121"/>
        <source>Cannot save model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="123"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="130"/>
        <source>Cannot revert</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_actions.py" line="133"/>
        <source>Using the shipped model again (your model stays in File &gt; Model history).</source>
        <translation>已重新使用自带模型（你的模型仍保存在“文件 &gt; 模型历史”中）。</translation>
    </message>
</context>
<context>
    <name>ModelHolder</name>
    <message>
        <location filename="../../src/digitpad/gui/model_holder.py" line="128"/>
        <source>shipped model</source>
        <translation>自带模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_holder.py" line="130"/>
        <source>following training</source>
        <translation>跟随训练</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_holder.py" line="132"/>
        <source>your model</source>
        <translation>你的模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_holder.py" line="136"/>
        <source>MNIST test %1</source>
        <translation>MNIST 测试 %1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/model_holder.py" line="139"/>
        <source>epoch %1 of %2</source>
        <translation>第 %1 轮，共 %2 轮</translation>
    </message>
</context>
<context>
    <name>PersonalTab</name>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="102"/>
        <source>Teach digitpad your handwriting: after a guess in the Draw tab, press the digit you meant (the buttons after “It was:”, or the keys 0-9). Your samples are kept here. Personalise fine-tunes the current network on them, mixed with MNIST so it does not forget.</source>
        <translation>教 digitpad 认识你的笔迹：在“书写”页得到猜测后，按下你想写的数字（“其实是：”后面的按钮，或键盘 0-9）。你的样本保存在这里。“个性化”会用这些样本微调当前网络，并混入 MNIST，让它不会忘记原来学到的东西。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="120"/>
        <source>No samples yet</source>
        <translation>还没有样本</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="123"/>
        <source>Draw a digit in the Draw tab, then press the digit it was: the buttons after “It was:” or the keys 0-9. The drawing is kept here. Personalise needs at least %1 samples.</source>
        <translation>在“书写”页写一个数字，然后按下它其实是哪个数字：“其实是：”后面的按钮，或键盘上的 0-9。这幅字就会保存在这里。“个性化”至少需要 %1 个样本。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="130"/>
        <source>Delete selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="131"/>
        <source>Remove the selected samples.</source>
        <translation>删除所选的样本。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="132"/>
        <source>Personalise</source>
        <translation>个性化</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="134"/>
        <source>Fine-tune the current network on your samples (a few seconds). The Draw tab then uses it.</source>
        <translation>用你的样本微调当前网络（几秒钟）。之后“书写”页会使用它。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="136"/>
        <source>Undo personalisation</source>
        <translation>撤销个性化</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="137"/>
        <source>Go back to the network you had before personalising.</source>
        <translation>回到个性化之前的网络。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="179"/>
        <source>A %1, taught %2</source>
        <translation>一个 %1，教于 %2</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="215"/>
        <source>Personalising mixes in the MNIST digits (about 11 MB) so that the network does not forget them, and they are not in this folder:
%1

Download them now, or choose a folder that already has them?</source>
        <translation>个性化会混入 MNIST 数字（约 11 MB），让网络不会忘记它们，但这个文件夹里没有：
%1

现在下载，还是选择一个已经包含它们的文件夹？</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="166"/>
        <source>%1 samples: </source>
        <translation>%1 个样本：</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="166"/>
        <source>1 sample: </source>
        <translation>1 个样本：</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="171"/>
        <source>(1 unreadable file skipped)</source>
        <translation>（跳过了 1 个无法读取的文件）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="173"/>
        <source>(%1 unreadable files skipped)</source>
        <translation>（跳过了 %1 个无法读取的文件）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="198"/>
        <source>Needs at least %1 samples; there are %2.</source>
        <translation>至少需要 %1 个样本；现在有 %2 个。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="233"/>
        <source>Personalising…</source>
        <translation>正在个性化…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="241"/>
        <source>Downloading MNIST… Press Personalise again when it is done.</source>
        <translation>正在下载 MNIST…… 下载完成后请再次点击“个性化”。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="245"/>
        <source>Personalising needs MNIST, which is not in %1. Press Personalise to download it or to choose a folder that has it.</source>
        <translation>个性化需要 MNIST，但 %1 中没有。点击“个性化”即可下载，或选择一个包含它的文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="258"/>
        <source>MNIST is ready: press Personalise.</source>
        <translation>MNIST 已就绪：请点击“个性化”。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="260"/>
        <source>Press Personalise to try again.</source>
        <translation>点击“个性化”重试。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="281"/>
        <source>Could not keep the model: %1</source>
        <translation>无法保留模型：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="285"/>
        <source>Done: the Draw tab now uses your personalised network (MNIST test %1).</source>
        <translation>完成：“书写”页现在使用你的个性化网络（MNIST 测试 %1）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="292"/>
        <source>Personalising failed: %1
Your current model is unchanged.</source>
        <translation>个性化失败：%1
你当前的模型保持不变。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="304"/>
        <source>Could not undo: %1</source>
        <translation>无法撤销：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/personal_tab.py" line="307"/>
        <source>Back to the network you had before personalising.</source>
        <translation>已回到个性化之前的网络。</translation>
    </message>
</context>
<context>
    <name>PersonaliseWorker</name>
    <message>
        <location filename="../../src/digitpad/gui/worker.py" line="275"/>
        <source>Personalising was stopped.</source>
        <translation>个性化已停止。</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <location filename="../../src/digitpad/gui/widgets.py" line="35"/>
        <source>How likely the network thinks each digit is (softmax output).</source>
        <translation>网络认为每个数字的可能性（softmax 输出）。</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <location filename="../../src/digitpad/gui/quit_guard.py" line="13"/>
        <source>A network is training</source>
        <translation>网络正在训练</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/quit_guard.py" line="14"/>
        <source>Quit now? Training stops and the network trained so far is lost.</source>
        <translation>现在退出吗？训练会停止，目前训练出的网络将会丢失。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/quit_guard.py" line="20"/>
        <source>Stop and quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/quit_guard.py" line="23"/>
        <source>Keep training</source>
        <translation>继续训练</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="32"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="34"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="42"/>
        <source>Result on the 10,000 test digits</source>
        <translation>在 10,000 个测试数字上的结果</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="45"/>
        <source>Use this model</source>
        <translation>使用这个模型</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="47"/>
        <source>Recognise drawings with the new network from now on (kept after a restart).</source>
        <translation>从现在起用新网络识别笔迹（重启后仍然保留）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="49"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="53"/>
        <source>Train a network to see how it does.</source>
        <translation>训练一个网络，看看它表现如何。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="59"/>
        <source>Its most confident mistakes:</source>
        <translation>它最有把握却认错的数字：</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="93"/>
        <source>Stopped before the first epoch ended; nothing to keep.</source>
        <translation>在第一轮结束前就停止了，没有可保留的结果。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="97"/>
        <source> (stopped early)</source>
        <translation>（提前停止）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="100"/>
        <source>Test accuracy %1 after 1 epoch, %3 of training%4. Use it, save it, or train again.</source>
        <translation>训练 1 轮、用时 %3 后测试准确率为 %1%4。可以使用、保存，或重新训练。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="103"/>
        <source>Test accuracy %1 after %2 epochs, %3 of training%4. Use it, save it, or train again.</source>
        <translation>训练 %2 轮、用时 %3 后测试准确率为 %1%4。可以使用、保存，或重新训练。</translation>
    </message>
</context>
<context>
    <name>TeachRow</name>
    <message>
        <location filename="../../src/digitpad/gui/teach_row.py" line="33"/>
        <source>Keep this drawing as a %1 in your handwriting samples (key %1).</source>
        <translation>把这个笔迹作为 %1 存入你的手写样本（按键 %1）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/teach_row.py" line="56"/>
        <source>It was:</source>
        <translation>其实是：</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/teach_row.py" line="59"/>
        <source>Kept as a %1.</source>
        <translation>已存为 %1。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/teach_row.py" line="62"/>
        <source>This drawing is already in your handwriting samples. Change it to keep it as a new sample.</source>
        <translation>这个笔迹已在你的手写样本中。改动它之后，才能作为新样本保存。</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="42"/>
        <source>%1 must be in %2</source>
        <translation>%1必须在 %2 范围内</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="43"/>
        <source>%1 must be one of %2</source>
        <translation>%1必须是以下之一：%2</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="44"/>
        <source>%1 must each be in %2 (not %3)</source>
        <translation>%1的每一项都必须在 %2 范围内（不能是 %3）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="45"/>
        <source>%1 must list 1 to %2 layer sizes</source>
        <translation>%1必须列出 1 到 %2 个层的大小</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="46"/>
        <source>init must be auto, he, xavier or normal:STD</source>
        <translation>初始化方式（init）必须是 auto、he、xavier 或 normal:STD</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="122"/>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="123"/>
        <source>Sizes of the hidden layers, comma separated. &apos;100&apos; is one layer of 100 neurons; &apos;800,800&apos; two layers. More neurons can learn more but train slower.</source>
        <translation>隐藏层的大小，用逗号分隔。“100”是一层 100 个神经元；“800,800”是两层。神经元越多学得越多，但训练越慢。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="134"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="135"/>
        <source>The function each hidden neuron applies to its input sum. ReLU trains fastest; sigmoid is the classic S-curve of the teaching post.</source>
        <translation>每个隐藏神经元作用在输入加权和上的函数。ReLU 训练最快；sigmoid 是教学文章里经典的 S 形曲线。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="144"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="145"/>
        <source>How wrongness is measured. Cross-entropy (with softmax) suits classification; MSE (squared error on sigmoid outputs) is the original recipe.</source>
        <translation>衡量“错多少”的方法。交叉熵（配合 softmax）适合分类；MSE（sigmoid 输出上的平方误差）是原始配方。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="154"/>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="155"/>
        <source>How the weights are moved downhill. SGD takes plain gradient steps; momentum keeps rolling; Adam adapts the step for every weight.</source>
        <translation>权重如何沿坡向下移动。SGD 按梯度走普通的一步；动量法会继续滚动；Adam 为每个权重调整步长。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="164"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="165"/>
        <source>The learning rate: how big each step is. Too big and training blows up; too small and it crawls. Adam likes about 0.001, SGD 0.1 to 0.5.</source>
        <translation>学习率：每一步有多大。太大训练会发散，太小则进展缓慢。Adam 适合约 0.001，SGD 适合 0.1 到 0.5。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="177"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="178"/>
        <source>How much of the previous step the momentum optimisers keep.</source>
        <translation>动量类优化器保留上一步的多少。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="183"/>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="184"/>
        <source>How the learning rate changes during training. Cosine and one-cycle lower it towards the end, which usually gains a little accuracy.</source>
        <translation>训练过程中学习率如何变化。余弦和 one-cycle 在后期降低学习率，通常能多提高一点准确率。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="193"/>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="194"/>
        <source>Fraction of training over which the learning rate ramps up from zero.</source>
        <translation>学习率从零逐渐升高所占的训练比例。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="201"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="202"/>
        <source>How many images are looked at before each weight update. Bigger batches are faster per image but take fewer steps.</source>
        <translation>每次更新权重之前看多少张图片。批越大，每张图片越快，但更新的步数越少。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="212"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="213"/>
        <source>How many times to go through all 60,000 training images.</source>
        <translation>把 60,000 张训练图片全部过一遍的次数。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="220"/>
        <source>Dropout</source>
        <translation>随机失活</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="221"/>
        <source>The chance that a hidden neuron is switched off for one step. It stops the network from relying on single neurons and reduces overfitting.</source>
        <translation>每一步中隐藏神经元被关闭的概率。它让网络不依赖个别神经元，从而减少过拟合。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="232"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="233"/>
        <source>Gently pulls all weights towards zero each step, which keeps the network simple. With Adam it is decoupled from the gradient (as in AdamW); with the SGD family it is added to the gradient (L2). 0 turns it off.</source>
        <translation>每一步都把所有权重轻轻拉向零，使网络保持简单。使用 Adam 时它与梯度解耦（如 AdamW）；使用 SGD 系列时它加到梯度上（L2）。0 表示关闭。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="244"/>
        <source>Weight averaging</source>
        <translation>权重平均</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="245"/>
        <source>Keep a running average of the weights and make it the final network: each step moves the average by (1 - this) of the way to the current weights, so 0.999 averages roughly the last thousand steps (early in a run fewer: about the last ninth of the steps so far, until 9/(1 - this) steps). Steadier than the last step&apos;s weights. 0 turns it off.</source>
        <translation>在训练中保持权重的滑动平均，并把它作为最终的网络：每一步，平均值向当前权重移动 (1 - 此值) 的距离，因此 0.999 大约平均最后一千步（训练初期较少：约为已完成步数的最后九分之一，直到第 9/(1 - 此值) 步）。它比最后一步的权重更稳定。0 表示关闭。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="258"/>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="259"/>
        <source>Show the network randomly rotated, scaled, shifted, warped and thickened digits, so it copes with how people really draw. Slower to learn, better on drawings.</source>
        <translation>给网络看随机旋转、缩放、平移、扭曲和加粗的数字，让它适应人们真实的书写。学得慢一些，但识别手写更好。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="267"/>
        <source>Pen digits</source>
        <translation>手写笔数字</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="268"/>
        <source>Share of every batch taken from real pen-written digits (shipped with the app), each drawn with a random brush, size, slant and writing style: slashed zeros, flagged ones, crossed sevens and more. Teaches the styles MNIST lacks. 0 trains on MNIST only.</source>
        <translation>每个批次中来自真实手写笔数字（随应用提供）的比例，每个数字都以随机的笔刷、大小、倾斜和书写风格绘制：带斜线的 0、带钩的 1、带横杠的 7 等。它教给网络 MNIST 缺少的书写风格。0 表示只用 MNIST 训练。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="279"/>
        <source>Non-digits</source>
        <translation>非数字</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="280"/>
        <source>Share of every batch that is drawings of no digit at all (scribbles, doodles, hatching), taught to get a flat answer: 10% for every digit. The network then is not sure of a scribble. 0 turns it off.</source>
        <translation>每批中不是数字的图画（乱涂、随手画、交叉线）所占的比例，教网络对它们给出平坦的答案：每个数字 10%。这样网络就不会对乱涂的东西很确定。0 表示关闭。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="292"/>
        <source>Writing styles</source>
        <translation>书写风格</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="293"/>
        <source>Which set of writing styles is added to the pen digits: 1 the set the shipped network was trained with; 2 also crosses zeros at any angle from a level bar to a steep slash, from inside the oval to twice its width, and draws ones&apos; flags over their whole range (long flags on short stems).</source>
        <translation>给手写笔数字添加哪一套书写风格：1 是随附网络训练时用的那一套；2 还会给零加上从水平横杠到陡斜线的任意角度的斜杠，长度从椭圆内部到其宽度的两倍，并让 1 的起笔勾覆盖书写者使用的全部范围（短竖上的长勾）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="304"/>
        <source>Nudged reading</source>
        <translation>微移读取</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="305"/>
        <source>Read every digit five times, as drawn and moved one pixel up, down, left and right, and average the answers. Training is the same; the network reads a little more reliably because each of its weights belongs to one pixel.</source>
        <translation>每个数字读五次：原样一次，再分别向上、下、左、右移动一个像素各读一次，取五个答案的平均。训练不变；由于网络的每个权重都对应一个像素，这样读得更可靠一些。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="314"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="315"/>
        <source>The random seed. The same seed and settings give exactly the same network.</source>
        <translation>随机种子。相同的种子和设置会得到完全相同的网络。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="324"/>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/training/config.py" line="325"/>
        <source>Fraction of the training images held out to check on unseen digits.</source>
        <translation>留出的训练图像比例，用来检验网络在没见过的数字上的表现。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="29"/>
        <source>The teaching post&apos;s recipe: 784-100-10 sigmoid, MSE, SGD lr 0.5, batch 50, 30 epochs.</source>
        <translation>教学文章的配方：784-100-10 sigmoid，MSE，SGD 学习率 0.5，批大小 50，30 轮。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="24"/>
        <source>Ready-made recipes. &apos;seed&apos; is the teaching post&apos;s original network; &apos;fast&apos; reaches about 98% in under a minute on two idle cores; &apos;best&apos; is how the shipped model was trained (about 14 minutes on two cores).</source>
        <translation>现成的配方。“seed”是教学文章中的原始网络；“fast”在两个空闲核心上不到一分钟即可达到约 98%；“best”是自带模型的训练方式（在两个核心上约 14 分钟）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="33"/>
        <source>One wide ReLU layer, Adam with a one-cycle schedule: about 98% after 5 epochs, measured at 16 s on an idle 2-core machine (minutes while other programs keep it busy).</source>
        <translation>一个宽的 ReLU 层，Adam 加单周期学习率：5 轮后约 98%，在空闲的双核机器上实测 16 秒（其他程序占用机器时需要几分钟）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="37"/>
        <source>Two wide ReLU layers, dropout, augmentation: the shipped model (about 14 minutes on two cores).</source>
        <translation>两个宽的 ReLU 层、dropout、数据增强：即自带的模型（在两个核心上约 14 分钟）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="57"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="62"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="91"/>
        <source>Distort training digits</source>
        <translation>扭曲训练数字</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="160"/>
        <source>Your own settings, starting from &apos;%1&apos;.</source>
        <translation>你自己的设置，基于“%1”。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="167"/>
        <source>Hidden layers must be whole numbers separated by commas, like 800,800.</source>
        <translation>隐藏层必须是用逗号分隔的整数，例如 800,800。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_form.py" line="180"/>
        <source>Hidden layers %1 make a network of %2 parameters, more than the %3 a model file may hold: the app could not load it. Use fewer or smaller layers.</source>
        <translation>隐藏层 %1 组成的网络有 %2 个参数，超过了模型文件最多能容纳的 %3 个：程序将无法加载它。请减少层数或每层的神经元数。</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="80"/>
        <source>Let the Draw tab use the network being trained, updated after every epoch.</source>
        <translation>让“书写”页使用正在训练的网络，每轮结束后更新。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="78"/>
        <source>Draw tab follows training</source>
        <translation>“书写”页跟随训练</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="82"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="83"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="199"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="206"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="240"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="84"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="85"/>
        <source>Train a new network with these settings.</source>
        <translation>用这些设置训练一个新网络。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="86"/>
        <source>Hold training; Resume continues where it stopped.</source>
        <translation>暂停训练；“继续”会从停下的地方接着训练。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="88"/>
        <source>End training after the current batch; the network trained so far is kept.</source>
        <translation>当前批次结束后停止训练；保留到那时为止训练出的网络。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="97"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="129"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="129"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="132"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="129"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="130"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="273"/>
        <source>per batch (smoothed)</source>
        <translation>每批（平滑）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="131"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="303"/>
        <source>per epoch</source>
        <translation>每轮</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="132"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="132"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="133"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="304"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="134"/>
        <location filename="../../src/digitpad/gui/train_tab.py" line="306"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="158"/>
        <source>Cannot start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="169"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="195"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="207"/>
        <source>Stopping after this batch…</source>
        <translation>这一批结束后停止…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="219"/>
        <source>Paused at epoch %1/%2 · batch %3/%4. Resume continues.</source>
        <translation>已暂停于第 %1/%2 轮 · 批次 %3/%4。点击“继续”接着训练。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="226"/>
        <source>Paused. Resume continues.</source>
        <translation>已暂停。点击“继续”接着训练。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="252"/>
        <source>Training… (the time left shows after the first batches)</source>
        <translation>正在训练……（最初几个批次之后显示剩余时间）</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="255"/>
        <source>Drawing pen-written digits for training… %1%</source>
        <translation>正在绘制用于训练的手写笔数字…… %1%</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="256"/>
        <source>Drawing scribbles that are no digit, for training… %1%</source>
        <translation>正在绘制用于训练的非数字涂鸦… %1%</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="257"/>
        <source>Measuring how sure the network may be, on writers it never saw… %1%</source>
        <translation>正在用网络从未见过的书写者衡量它可以有多确定…… %1%</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="265"/>
        <source>%1 left for this step</source>
        <translation>此步骤还剩 %1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="281"/>
        <source>Epoch %1/%2 · batch %3/%4 · %5 samples/s · %6 left</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 批 · 每秒 %5 个样本 · 还剩 %6</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="342"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="134"/>
        <source>Stopped during epoch %1 of %2 (after %3 of %4 batches).</source>
        <translation>已在第 %1 轮中途停止（共 %2 轮；完成了 %4 个批次中的 %3 个）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="139"/>
        <source>Stopped after epoch %1 of %2.</source>
        <translation>已在第 %1 轮后停止（共 %2 轮）。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="141"/>
        <source>Stopped before the first epoch ended.</source>
        <translation>在第一轮结束前已停止。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="352"/>
        <source>%1 of %2 epochs</source>
        <translation>%1 / %2 轮</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="352"/>
        <source>%1 of 1 epoch</source>
        <translation>%1 / 1 轮</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="357"/>
        <source>Training failed: %1
Your current model is unchanged.</source>
        <translation>训练失败：%1
你当前的模型保持不变。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="358"/>
        <source>Failed.</source>
        <translation>失败。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="359"/>
        <source>No result.</source>
        <translation>没有结果。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="408"/>
        <source>Could not keep the model: %1</source>
        <translation>无法保留模型：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_tab.py" line="422"/>
        <source>The Draw tab now uses this model.</source>
        <translation>“书写”页现在使用这个模型。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="125"/>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/train_results.py" line="126"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>TrainWorker</name>
    <message>
        <location filename="../../src/digitpad/gui/worker.py" line="187"/>
        <source>Loading MNIST…</source>
        <translation>正在加载 MNIST…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/worker.py" line="191"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/worker.py" line="205"/>
        <source>Evaluating on the test set…</source>
        <translation>正在测试集上评估…</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../src/digitpad/gui/worker.py" line="53"/>
        <source>Not enough memory for this network; try fewer or smaller layers.</source>
        <translation>内存不足以训练这个网络；请减少层数或缩小层。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/worker.py" line="57"/>
        <source>The loss stopped being a number: training diverged. Try a smaller learning rate.</source>
        <translation>损失不再是一个有效数值：训练发散了。请尝试更小的学习率。</translation>
    </message>
    <message>
        <location filename="../../src/digitpad/gui/worker.py" line="63"/>
        <source>The training data could not be read: a file is missing or damaged. Choose the data folder again or download MNIST again.</source>
        <translation>无法读取训练数据：有文件缺失或已损坏。请重新选择数据文件夹，或重新下载 MNIST。</translation>
    </message>
</context>
</TS>

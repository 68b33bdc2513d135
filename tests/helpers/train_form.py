"""Filling in the Train tab's form for a short run on a small MNIST."""


def configure(tab, data_dir, hidden="32", epochs=2, **extra):
    tab.mnist.set_folder(data_dir)
    form = tab.form
    form.apply_preset("fast")
    form.widgets["hidden"].setText(hidden)
    form.widgets["epochs"].setValue(epochs)
    form.widgets["batch_size"].setValue(extra.get("batch", 50))
    form.widgets["schedule"].setCurrentText("constant")
    form.widgets["lr"].setValue(extra.get("lr", 0.003))
    if "optimizer" in extra:
        form.widgets["optimizer"].setCurrentText(extra["optimizer"])
    if "activation" in extra:
        form.widgets["activation"].setCurrentText(extra["activation"])

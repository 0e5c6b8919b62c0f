"""File > Export… and Copy board as picture: the form, the preview, remembered options."""

import sys

from digitpad.entry import main

sys.exit(main())

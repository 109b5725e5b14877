from korpus.cli import main

main()

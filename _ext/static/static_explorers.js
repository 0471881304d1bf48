// The website's explorers: each control picks one of the outputs rendered when the page was
// built (lib/widgets/explorer.py). The output shown is the one whose key lists the controls'
// positions, "i-j-…"; the readout beside each control names its value.
document.addEventListener("DOMContentLoaded", () => {
  for (const explorer of document.querySelectorAll("[data-static-explorer]")) {
    const controls = [...explorer.querySelectorAll(".static-explorer-control")];
    const outputs = [...explorer.querySelectorAll(".static-explorer-output")];
    const show = () => {
      const key = controls.map((label) => {
        const input = label.querySelector("input, select");
        if (input.tagName === "INPUT") {
          const text = JSON.parse(input.dataset.labels)[Number(input.value)];
          label.querySelector("output").textContent = text;
          input.setAttribute("aria-valuetext", text);
        } else {
          label.querySelector("output").textContent = input.options[input.selectedIndex].text;
        }
        return input.value;
      }).join("-");
      for (const output of outputs) output.hidden = output.dataset.key !== key;
    };
    for (const label of controls) {
      label.querySelector("input, select").addEventListener("input", show);
    }
    show();
  }
});
